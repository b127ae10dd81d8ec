import { describe, expect, it } from 'vitest';
import { omeScanFacts } from '../slides/tiffFacts';
import { minimalOmeXml } from './minimalOmeXml';

const LEVEL0 = { width: 2048, height: 1536, tileWidth: 256, tileHeight: 256, samplesPerPixel: 3, bitsPerSample: 8 };

describe('minimalOmeXml', () => {
  it('says the scan in a form the OME-XML reader takes back whole', () => {
    const scan = { micronsPerPixel: [0.2265, 0.2271] as const, objectivePower: 40, manufacturer: 'A & "B" <C>', model: 'X-1' };
    const xml = minimalOmeXml(scan, LEVEL0);
    expect(omeScanFacts(xml)).toEqual({ micronsPerPixel: [0.2265, 0.2271], objectivePower: 40, scanner: 'A & "B" <C>', manufacturer: 'A & "B" <C>', model: 'X-1' });
    expect(xml).toContain('SizeX="2048" SizeY="1536" SizeC="3"');
    expect(xml).toContain('<TiffData IFD="0" PlaneCount="1"/>');
  });

  it('leaves out what the source did not say: no Instrument, no physical size', () => {
    const xml = minimalOmeXml({ micronsPerPixel: null, objectivePower: null, manufacturer: null, model: null }, { ...LEVEL0, samplesPerPixel: 1, bitsPerSample: 16 });
    expect(xml).not.toContain('Instrument');
    expect(xml).not.toContain('PhysicalSize');
    expect(xml).toContain('Type="uint16"');
    expect(omeScanFacts(xml)).toMatchObject({ micronsPerPixel: null, objectivePower: null, scanner: 'OME-TIFF' });
  });
});
