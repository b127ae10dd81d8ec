/** Scanner facts from OpenSlide's properties: an NDPI's source levels are the ones the file stores. */
import { describe, expect, it } from 'vitest';
import { factsFromOpenSlide, omeScanFacts } from './tiffFacts';

/** openslide-show-properties of an NDPI with levels of 1024, 256 px stored: OpenSlide 3.4 adds 1/2, 1/4, 1/8 scales of each. */
function ndpiProperties(): Map<string, string> {
  const widths = [1024, 512, 256, 128, 64, 32];
  const properties = new Map<string, string>([
    ['openslide.vendor', 'hamamatsu'],
    ['openslide.objective-power', '40'],
    ['openslide.mpp-x', '0.2265'],
    ['openslide.mpp-y', '0.2265'],
    ['openslide.level-count', String(widths.length)],
  ]);
  widths.forEach((width, level) => {
    properties.set(`openslide.level[${level}].width`, String(width));
    properties.set(`openslide.level[${level}].height`, String(width / 2));
    properties.set(`openslide.level[${level}].downsample`, String(1024 / width));
  });
  return properties;
}

describe('factsFromOpenSlide', () => {
  it('keeps of an NDPI only the levels its TIFF stores, not those OpenSlide decodes at a JPEG scale', () => {
    const stored = [
      { width: 1024, height: 512 },
      { width: 256, height: 128 },
      { width: 400, height: 150 }, // the macro image
    ];
    expect(factsFromOpenSlide(ndpiProperties(), ['macro'], stored)).toEqual({
      micronsPerPixel: [0.2265, 0.2265],
      objectivePower: 40,
      scanner: 'Hamamatsu',
      sourceLevels: [
        { width: 1024, height: 512, downsample: 1 },
        { width: 256, height: 128, downsample: 4 },
      ],
      associatedImages: ['macro'],
    });
  });

  it('keeps every level OpenSlide lists when the TIFF directories could not be read', () => {
    expect(factsFromOpenSlide(ndpiProperties(), [], null).sourceLevels.map((level) => level.downsample)).toEqual([1, 2, 4, 8, 16, 32]);
  });

  it('keeps every level of other vendors, whose levels OpenSlide reads as stored', () => {
    const properties = ndpiProperties();
    properties.set('openslide.vendor', 'aperio');
    expect(factsFromOpenSlide(properties, [], [{ width: 1024, height: 512 }]).sourceLevels).toHaveLength(6);
  });
});

describe('OME-XML scan facts', () => {
  const ome =
    '<OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06"><Instrument ID="Instrument:0"><Microscope Manufacturer="Smith &amp; Sons" Model="S 1"/>' +
    '<Objective ID="Objective:0:0" NominalMagnification="40"/></Instrument><Image ID="Image:0"><Pixels PhysicalSizeX="250" PhysicalSizeXUnit="nm" PhysicalSizeY="0.25"/></Image></OME>';

  it('reads the pixel size in µm, the objective power and the microscope, its text unescaped', () => {
    expect(omeScanFacts(ome)).toEqual({ micronsPerPixel: [0.25, 0.25], objectivePower: 40, scanner: 'Smith & Sons', manufacturer: 'Smith & Sons', model: 'S 1' });
  });

  it('takes them from the OME-XML of a file OpenSlide reads as a generic TIFF (it ignores OME-XML), and not for a vendor format', () => {
    const generic = new Map([['openslide.vendor', 'generic-tiff']]);
    expect(factsFromOpenSlide(generic, [], null, ome)).toMatchObject({ micronsPerPixel: [0.25, 0.25], objectivePower: 40, scanner: 'Smith & Sons' });
    expect(factsFromOpenSlide(generic, [], null, null)).toMatchObject({ micronsPerPixel: null, objectivePower: null, scanner: 'TIFF' });
    expect(factsFromOpenSlide(ndpiProperties(), [], null, ome)).toMatchObject({ objectivePower: 40, scanner: 'Hamamatsu', micronsPerPixel: [0.2265, 0.2265] });
  });
});
