/**
 * What of a slide a de-identified copy keeps besides its pixels, and whether its tiles can be
 * copied as they are: an Aperio SVS or a generic tiled TIFF whose pyramid levels are all tiled
 * top-level images (not an NDPI's strips, not an OME-TIFF's sub-images). Kept: the objective power
 * and the pixel size (Aperio's AppMag and MPP, numbers only, in a description OpenSlide still reads
 * as Aperio's) and the scanner's make and model (TIFF Make, Model: a kind of device, not a device;
 * its serial number and the site's names are dropped with the rest).
 */
import { fromFile } from 'geotiff';

export interface KeptField {
  /** Where the source had it: `field:aperio.AppMag`, `tag:Make`. */
  readonly source: string;
  /** What it is, for the report. */
  readonly keyword: string;
}

export interface KeptMetadata {
  /** The source's images (file order) that are the pyramid's levels, level 0 first. */
  readonly images: readonly number[];
  /** ASCII tags the copy carries on level 0, by tag number. */
  readonly text: ReadonlyMap<number, string>;
  readonly fields: readonly KeptField[];
}

const IMAGE_DESCRIPTION = 270;
const MAKE = 271;
const MODEL = 272;
const SUB_IFDS = 330;
const NUMBER = /^\d{1,4}(\.\d{1,8})?$/;
/** A make or model is a short printable name; anything else is dropped rather than trusted. */
const DEVICE_NAME = /^[\x20-\x7e]{1,64}$/;
/** Aperio's fields a copy keeps, with their meaning. */
const APERIO_FIELDS: readonly (readonly [field: string, keyword: string])[] = [
  ['AppMag', 'ObjectivePower'],
  ['MPP', 'MicronsPerPixel'],
];

/** Null when the tiles cannot be copied as they are (the caller re-encodes level 0 instead). */
export async function keptSlideMetadata(source: string, openslideProperties: ReadonlyMap<string, string>): Promise<KeptMetadata | null> {
  const vendor = openslideProperties.get('openslide.vendor');
  if (vendor !== 'aperio' && vendor !== 'generic-tiff') return null;
  const tiff = await fromFile(source);
  const count = await tiff.getImageCount();
  const level0 = await tiff.getImage(0);
  if (!level0.isTiled) return null;
  const [width0, height0] = [level0.getWidth(), level0.getHeight()];
  const images: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const image = await tiff.getImage(i);
    if (image.fileDirectory.hasTag(SUB_IFDS)) return null;
    // A level is tiled and has level 0's shape; a tiled label or macro has its own.
    const [width, height] = [image.getWidth(), image.getHeight()];
    const shapeOfLevel0 = width <= width0 && Math.abs((width * height0) / width0 - height) <= Math.max(2, height * 0.01);
    if (image.isTiled && shapeOfLevel0) images.push(i);
  }

  const text = new Map<number, string>();
  const fields: KeptField[] = [];
  if (vendor === 'aperio') {
    const kept = APERIO_FIELDS.filter(([field]) => NUMBER.test(openslideProperties.get(`aperio.${field}`) ?? ''));
    const values = kept.map(([field]) => `|${field} = ${openslideProperties.get(`aperio.${field}`) as string}`).join('');
    text.set(IMAGE_DESCRIPTION, `Aperio Image Library (de-identified)\r\n${width0}x${height0} (${level0.getTileWidth()}x${level0.getTileHeight()})${values}`);
    fields.push(...kept.map(([field, keyword]) => ({ source: `field:aperio.${field}`, keyword })));
  }
  for (const [tag, name, keyword] of [[MAKE, 'Make', 'Manufacturer'], [MODEL, 'Model', 'ManufacturerModelName']] as const) {
    const value: unknown = level0.fileDirectory.hasTag(tag) ? await level0.fileDirectory.loadValue(tag) : undefined;
    const trimmed = typeof value === 'string' ? value.replace(/\0+$/, '').trim() : '';
    if (!DEVICE_NAME.test(trimmed)) continue;
    text.set(tag, trimmed);
    fields.push({ source: `tag:${name}`, keyword });
  }
  return { images, text, fields };
}
