/**
 * What of a slide a de-identified copy keeps besides its pixels, in which form, and whether its
 * tiles can be copied as they are (slidePyramid.ts). Kept: the pixel size, the objective power and
 * the scanner's make and model (a kind of device, not a device: its serial number and the site's
 * names are dropped with the rest). Each in the form the copy's readers know:
 * - an Aperio SVS copied tile for tile: Aperio's AppMag and MPP (numbers only) in a description
 *   OpenSlide still reads as Aperio's, and TIFF Make and Model;
 * - a generic tiled TIFF copied tile for tile: TIFF Make and Model (the pixel size is in its
 *   resolution tags);
 * - an OME-TIFF copied tile for tile, and every slide libvips re-encodes (an NDPI, whose JPEG
 *   restart intervals are no TIFF tiles; a slide whose tiles cannot be copied): a minimal OME-XML
 *   (minimalOmeXml.ts) with what the source's OME-XML, or OpenSlide, says.
 */
import { type OmeScanFacts, isOmeXml, omeScanFacts } from '../slides/tiffFacts';
import { type KeptScan, minimalOmeXml } from './minimalOmeXml';
import { type PixelShape, type SourcePyramid, sourcePyramid } from './slidePyramid';
import type { PyramidLayout } from './tiledTiffCopy';
import { tiffDirectories } from './tiffDirectories';

export interface KeptField {
  /** Where the source had it: `field:aperio.AppMag`, `tag:Make`, `ome:Objective@NominalMagnification`. */
  readonly source: string;
  /** What it is, for the report. */
  readonly keyword: string;
}

export interface KeptMetadata {
  /** The source's pyramid levels to copy tile for tile; null when libvips re-encodes level 0. */
  readonly pyramid: SourcePyramid | null;
  /** How the copy lays its levels out: an OME-TIFF's as SubIFDs of level 0. */
  readonly layout: PyramidLayout;
  /** ASCII tags the copy carries on level 0, by tag number, for the level 0 it has. */
  text(level0: PixelShape): ReadonlyMap<number, string>;
  readonly fields: readonly KeptField[];
  /** What an OME-TIFF's other series are (LabelImage, MacroImage…), each left behind; none for other slides (OpenSlide lists theirs). */
  readonly otherSeries: readonly string[];
}

const IMAGE_DESCRIPTION = 270;
const MAKE = 271;
const MODEL = 272;
const NUMBER = /^\d{1,4}(\.\d{1,8})?$/;
/** OpenSlide prints a computed number in full (an NDPI's mpp-x: 0.45359999999999995). */
const DECIMAL = /^\d{1,6}(\.\d{1,20})?$/;
/** A make or model is a short printable name; anything else is dropped rather than trusted. */
const DEVICE_NAME = /^[\x20-\x7e]{1,64}$/;
/** Aperio's fields a copy keeps, with their meaning. */
const APERIO_FIELDS: readonly (readonly [field: string, keyword: string])[] = [
  ['AppMag', 'ObjectivePower'],
  ['MPP', 'MicronsPerPixel'],
];

export async function keptSlideMetadata(source: string, openslideProperties: ReadonlyMap<string, string>): Promise<KeptMetadata> {
  const vendor = openslideProperties.get('openslide.vendor');
  const description = await firstDescriptionOf(source);
  const kind = isOmeXml(description) ? 'ome' : vendor === 'aperio' || vendor === 'generic-tiff' ? vendor : null;
  const pyramid = kind ? await sourcePyramid(source, kind).catch(() => null) : null;
  if (pyramid && kind !== 'ome') return { pyramid, layout: 'consecutive', ...tiffForm(openslideProperties), otherSeries: [] };
  const { scan, fields } = isOmeXml(description) ? fromOmeXml(omeScanFacts(description)) : fromOpenSlide(openslideProperties);
  const otherSeries = isOmeXml(description) ? otherSeriesOf(description) : [];
  return { pyramid, layout: 'subIfds', text: (level0) => new Map([[IMAGE_DESCRIPTION, minimalOmeXml(scan, level0)]]), fields, otherSeries };
}

/**
 * The kind of each OME Image after the first, by its name, for the report; the name itself (it
 * may be a label's text) is never passed on.
 */
function otherSeriesOf(ome: string): string[] {
  const images = ome.match(/<(?:\w+:)?Image\b[^>]*>/g) ?? [];
  return images.slice(1).map((image) => {
    const name = /\bName="([^"]*)"/.exec(image)?.[1] ?? '';
    if (/^\s*label\b/i.test(name)) return 'LabelImage';
    if (/^\s*(macro|overview)\b/i.test(name)) return 'MacroImage';
    if (/^\s*thumbnail\b/i.test(name)) return 'ThumbnailImage';
    return 'AssociatedImage';
  });
}

/** An Aperio or generic TIFF copied tile for tile: Aperio's description (numbers only) and TIFF Make and Model. */
function tiffForm(properties: ReadonlyMap<string, string>): Pick<KeptMetadata, 'text' | 'fields'> {
  const aperio = properties.get('openslide.vendor') === 'aperio' ? APERIO_FIELDS.filter(([field]) => NUMBER.test(properties.get(`aperio.${field}`) ?? '')) : null;
  const device = deviceTags(properties);
  return {
    text: (level0) => {
      const text = new Map<number, string>();
      if (aperio) {
        const values = aperio.map(([field]) => `|${field} = ${properties.get(`aperio.${field}`) as string}`).join('');
        text.set(IMAGE_DESCRIPTION, `Aperio Image Library (de-identified)\r\n${level0.width}x${level0.height} (${level0.tileWidth}x${level0.tileHeight})${values}`);
      }
      for (const { tag, value } of device) text.set(tag, value);
      return text;
    },
    fields: [...(aperio ?? []).map(([field, keyword]) => ({ source: `field:aperio.${field}`, keyword })), ...device.map(({ field }) => field)],
  };
}

/** TIFF Make and Model as OpenSlide lists them (`tiff.Make`), where they are short names. */
function deviceTags(properties: ReadonlyMap<string, string>): { tag: number; value: string; field: KeptField }[] {
  const tags = [
    [MAKE, 'Make', 'Manufacturer'],
    [MODEL, 'Model', 'ManufacturerModelName'],
  ] as const;
  return tags.flatMap(([tag, name, keyword]) => {
    const value = deviceName(properties.get(`tiff.${name}`));
    return value === null ? [] : [{ tag, value, field: { source: `tag:${name}`, keyword } }];
  });
}

/** A slide OpenSlide reads, re-encoded: its objective power, pixel size, TIFF Make and Model. */
function fromOpenSlide(properties: ReadonlyMap<string, string>): { scan: KeptScan; fields: KeptField[] } {
  const power = properties.get('openslide.objective-power') ?? '';
  const [mppX, mppY] = [properties.get('openslide.mpp-x') ?? '', properties.get('openslide.mpp-y') ?? ''];
  const mpp = DECIMAL.test(mppX) && DECIMAL.test(mppY) && Number(mppX) > 0 && Number(mppY) > 0 ? ([Number(mppX), Number(mppY)] as const) : null;
  const device = deviceTags(properties);
  const scan: KeptScan = {
    micronsPerPixel: mpp,
    objectivePower: DECIMAL.test(power) && Number(power) > 0 ? Number(power) : null,
    manufacturer: device.find(({ tag }) => tag === MAKE)?.value ?? null,
    model: device.find(({ tag }) => tag === MODEL)?.value ?? null,
  };
  const fields: KeptField[] = [
    ...(scan.objectivePower === null ? [] : [{ source: 'field:openslide.objective-power', keyword: 'ObjectivePower' }]),
    ...(mpp === null ? [] : [{ source: 'field:openslide.mpp-x', keyword: 'MicronsPerPixel' }]),
    ...device.map(({ field }) => field),
  ];
  return { scan, fields };
}

/** An OME-TIFF: what its own OME-XML says of the scan, the device names checked like TIFF Make's. */
function fromOmeXml(facts: OmeScanFacts): { scan: KeptScan; fields: KeptField[] } {
  // The numbers are numbers already (tiffFacts.ts parsed them): no text of the source's passes.
  const scan: KeptScan = { micronsPerPixel: facts.micronsPerPixel, objectivePower: facts.objectivePower, manufacturer: deviceName(facts.manufacturer), model: deviceName(facts.model) };
  const fields: KeptField[] = [
    ...(scan.objectivePower === null ? [] : [{ source: 'ome:Objective@NominalMagnification', keyword: 'ObjectivePower' }]),
    ...(scan.micronsPerPixel === null ? [] : [{ source: 'ome:Pixels@PhysicalSizeX', keyword: 'MicronsPerPixel' }]),
    ...(scan.manufacturer === null ? [] : [{ source: 'ome:Microscope@Manufacturer', keyword: 'Manufacturer' }]),
    ...(scan.model === null ? [] : [{ source: 'ome:Microscope@Model', keyword: 'ManufacturerModelName' }]),
  ];
  return { scan, fields };
}

function deviceName(value: string | null | undefined): string | null {
  const trimmed = value?.replace(/\0+$/, '').trim() ?? '';
  return DEVICE_NAME.test(trimmed) ? trimmed : null;
}

/** The first image's ImageDescription; null without one, or where geotiff cannot read the file (a > 4 GiB NDPI). */
async function firstDescriptionOf(source: string): Promise<string | null> {
  try {
    const [first] = (await tiffDirectories(source)).topLevel;
    const value: unknown = first?.directory.hasTag(IMAGE_DESCRIPTION) ? await first.directory.loadValue(IMAGE_DESCRIPTION) : null;
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
