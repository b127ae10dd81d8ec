/**
 * Scanner facts of a TIFF-family slide: from OpenSlide's properties when OpenSlide reads the file
 * (SVS, NDPI, generic tiled TIFF…), else from the OME-XML of an OME-TIFF, else only the sizes. An
 * OME-TIFF OpenSlide reads as a generic TIFF (a de-identified slide is one: server/deid) has its
 * pixel size, objective power and microscope maker from its OME-XML, which OpenSlide ignores.
 */
import type { SlideLevel } from '../../src/core/item';
import type { SlideFacts } from './pyramidWriter';
import type { TiffStructure } from './tiffStructure';

/** OpenSlide's vendor names as a pathologist knows the scanners. */
const VENDORS: Readonly<Record<string, string>> = {
  aperio: 'Aperio',
  hamamatsu: 'Hamamatsu',
  leica: 'Leica',
  mirax: '3DHISTECH MIRAX',
  philips: 'Philips',
  sakura: 'Sakura',
  trestle: 'Trestle',
  ventana: 'Ventana',
  'generic-tiff': 'TIFF',
};

/**
 * `imageSizes`: the size of every image the TIFF holds, when its directories parse. OpenSlide 3.4
 * lists, besides an NDPI's stored levels, levels it decodes from them at 1/2, 1/4 and 1/8 scale;
 * those are not in the file, so an NDPI's source levels are only the listed ones the file holds.
 */
export function factsFromOpenSlide(
  properties: ReadonlyMap<string, string>,
  associatedImages: readonly string[],
  imageSizes: readonly { readonly width: number; readonly height: number }[] | null = null,
  imageDescription: string | null = null,
): SlideFacts {
  const vendor = properties.get('openslide.vendor');
  const stored = (width: number, height: number) => vendor !== 'hamamatsu' || imageSizes === null || imageSizes.some((size) => size.width === width && size.height === height);
  const count = positive(properties.get('openslide.level-count')) ?? 0;
  const sourceLevels: SlideLevel[] = [];
  for (let level = 0; level < count; level += 1) {
    const width = positive(properties.get(`openslide.level[${level}].width`));
    const height = positive(properties.get(`openslide.level[${level}].height`));
    const downsample = positive(properties.get(`openslide.level[${level}].downsample`));
    if (width && height && downsample && (level === 0 || stored(width, height))) sourceLevels.push({ width, height, downsample });
  }
  const mppX = positive(properties.get('openslide.mpp-x'));
  const mppY = positive(properties.get('openslide.mpp-y'));
  const ome = vendor === 'generic-tiff' && isOmeXml(imageDescription) ? omeScanFacts(imageDescription) : null;
  return {
    micronsPerPixel: mppX && mppY ? [mppX, mppY] : (ome?.micronsPerPixel ?? (vendor === 'generic-tiff' ? micronsFromResolution(properties) : null)),
    objectivePower: ome?.objectivePower ?? positive(properties.get('openslide.objective-power')),
    scanner: ome ? ome.scanner : vendor ? (VENDORS[vendor] ?? vendor) : null,
    sourceLevels,
    associatedImages,
  };
}

/**
 * A generic TIFF's pixel size from its resolution tags, as OpenSlide 4 reads it (3.4 does not):
 * only in centimetres, the unit slide writers (libvips among them) use; an inch resolution is
 * usually a default 72 dpi. A de-identified slide (server/deid/deidentifySlide.ts) keeps only this.
 */
function micronsFromResolution(properties: ReadonlyMap<string, string>): readonly [number, number] | null {
  if (properties.get('tiff.ResolutionUnit') !== 'centimeter') return null;
  const x = positive(properties.get('tiff.XResolution'));
  const y = positive(properties.get('tiff.YResolution'));
  return x && y ? [10_000 / x, 10_000 / y] : null;
}

/** `vipsheader -a` of an OpenSlide file lists them as "slide-associated-images: label, macro". */
export function associatedImagesOf(vipsProperties: ReadonlyMap<string, string>): string[] {
  const list = vipsProperties.get('slide-associated-images');
  return list ? list.split(',').map((name) => name.trim()).filter(Boolean) : [];
}

/** A TIFF OpenSlide does not read (OME-TIFF, plain tiled TIFF): what its tags and OME-XML say. */
export function factsFromTiff(structure: TiffStructure): SlideFacts {
  const [first] = structure.storedLevels;
  const sourceLevels = structure.storedLevels.map((level) => ({ ...level, downsample: first ? first.width / level.width : 1 }));
  const description = structure.imageDescription;
  if (!isOmeXml(description)) return { micronsPerPixel: null, objectivePower: null, scanner: null, sourceLevels, associatedImages: [] };
  const { micronsPerPixel, objectivePower, scanner } = omeScanFacts(description);
  return { micronsPerPixel, objectivePower, scanner, sourceLevels, associatedImages: [] };
}

/** What an OME-XML says of the scan; each null where it says nothing (or nothing that parses). */
export interface OmeScanFacts {
  readonly micronsPerPixel: readonly [number, number] | null;
  readonly objectivePower: number | null;
  /** The microscope's manufacturer, else "OME-TIFF" (OpenSlide's vendor names are makers too). */
  readonly scanner: string;
  readonly manufacturer: string | null;
  readonly model: string | null;
}

export function isOmeXml(description: string | null | undefined): description is string {
  return description?.includes('<OME') ?? false;
}

/** The first Pixels, Objective and Microscope elements' facts: an OME-TIFF's first image is the slide. */
export function omeScanFacts(ome: string): OmeScanFacts {
  const pixels = element(ome, 'Pixels');
  const mppX = microns(attribute(pixels, 'PhysicalSizeX'), attribute(pixels, 'PhysicalSizeXUnit'));
  const mppY = microns(attribute(pixels, 'PhysicalSizeY'), attribute(pixels, 'PhysicalSizeYUnit'));
  const microscope = element(ome, 'Microscope');
  const manufacturer = attribute(microscope, 'Manufacturer')?.trim() || null;
  return {
    micronsPerPixel: mppX && mppY ? [mppX, mppY] : null,
    objectivePower: positive(attribute(element(ome, 'Objective'), 'NominalMagnification')),
    scanner: manufacturer ?? 'OME-TIFF',
    manufacturer,
    model: attribute(microscope, 'Model')?.trim() || null,
  };
}

/** The start tag of the first element of that name, any namespace prefix. */
function element(xml: string, name: string): string {
  return new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>`).exec(xml)?.[0] ?? '';
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function attribute(element: string, name: string): string | undefined {
  const raw = new RegExp(`\\b${name}="([^"]*)"`).exec(element)?.[1];
  return raw?.replace(/&(amp|lt|gt|quot|apos);/g, (_, entity: string) => XML_ENTITIES[entity] ?? '');
}

/** OME sizes default to µm; nm and mm are converted, other units are not trusted. */
function microns(value: string | undefined, unit: string | undefined): number | null {
  const size = positive(value);
  if (size === null) return null;
  const scale: Record<string, number> = { µm: 1, 'Âµm': 1, um: 1, nm: 0.001, mm: 1000 };
  const factor = scale[unit ?? 'µm'];
  return factor === undefined ? null : size * factor;
}

function positive(text: string | undefined): number | null {
  const value = Number(text);
  return text !== undefined && text.trim() !== '' && Number.isFinite(value) && value > 0 ? value : null;
}
