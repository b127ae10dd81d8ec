/**
 * De-identification of a TIFF-family slide (SVS, NDPI, generic or OME-TIFF) for a dataset whose
 * policy is `required`: libvips reads level 0 only (through OpenSlide where OpenSlide reads the
 * file) and writes it as a new pyramidal TIFF with `--strip`, so the label, macro and thumbnail
 * images and every descriptive tag stay behind (slideTags.ts lists what and why). The result is
 * checked to carry layout tags only, then handed on under a pseudonymous name; the original
 * file, its name and its tag values are never stored, logged or reported.
 *
 *   const slide = await deidentifySlide(pathOfUpload);
 *   try { store slide.path as `slide.name`; save slide.report } finally { await slide.release() }
 *
 * The new pyramid is JPEG at the quality the tile server itself encodes at; the pixel size stays
 * (X/YResolution), the objective power and the scanner's name do not.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeidReport, DeidReportEntry } from '../../src/core/deid/deidentify';
import { parseProperties, runTool } from '../slides/processes';
import { SLIDE_LIMITS, SlideRefusal, type SlideLimits } from '../slides/refusal';
import { openTiffSlide } from '../slides/tiffReader';
import { IDENTIFYING_VENDOR_FIELDS, identifyingTagNames, nonStructuralTags, tiffTagsOf } from './slideTags';

export interface DeidentifiedSlide {
  /** The de-identified pyramidal TIFF, in a temporary folder of its own. */
  readonly path: string;
  /** `slide-<12 hex>.tif`, from the de-identified file's SHA-256: what the dataset calls the slide. */
  readonly name: string;
  /** Kept like a DICOM file's; `sopInstanceUid` holds the slide's pseudonymous name (a slide has no UID). */
  readonly report: DeidReport;
  /** Deletes the temporary folder. */
  release(): Promise<void>;
}

/** JPEG quality of the de-identified pyramid: the tile server's own (server/slides/tiffReader.ts). */
const JPEG_QUALITY = 90;
const TILE_SIZE = 256;
/** Above this many level-0 pixels the JPEG pyramid may pass 4 GiB: BigTIFF. */
const BIGTIFF_FROM_PIXELS = 2 ** 31;

export async function deidentifySlide(sourcePath: string, limits: SlideLimits = SLIDE_LIMITS): Promise<DeidentifiedSlide> {
  const dir = await mkdtemp(join(tmpdir(), 'mejirushi-deid-slide-'));
  const release = () => rm(dir, { recursive: true, force: true });
  try {
    // Under a name of our own: the given name may be the patient's, and would reach vips' messages.
    const source = join(dir, 'source');
    await symlink(sourcePath, source);
    const reader = await openTiffSlide(source, limits);
    const level0 = reader.facts.sourceLevels[0] as { width: number; height: number };
    const openslide = await runTool('openslide-show-properties', [source]);
    const vendorFields = openslide.ok ? [...parseProperties(openslide.stdout).keys()].filter(isVendorField) : [];
    const sourceTags = await tiffTagsOf(source).catch(() => null);

    const out = join(dir, 'deidentified.tif');
    const args = ['tiffsave', `${source}[${openslide.ok ? 'level=0' : 'page=0'}]`, out, '--tile', '--pyramid', '--compression', 'jpeg', '--Q', String(JPEG_QUALITY)];
    args.push('--tile-width', String(TILE_SIZE), '--tile-height', String(TILE_SIZE), '--strip');
    if (level0.width * level0.height > BIGTIFF_FROM_PIXELS) args.push('--bigtiff');
    const saved = await runTool('vips', args);
    if (!saved.ok) throw new SlideRefusal('slideUnreadable', `the slide's image data could not be read for de-identification: ${saved.stderr.replaceAll(source, 'the slide')}`);

    const left = nonStructuralTags(await tiffTagsOf(out));
    if (left.length > 0) throw new Error(`the de-identified slide still has TIFF tags ${left.join(', ')}`);
    const sha256 = await sha256Of(out);
    const name = `slide-${sha256.slice(0, 12)}.tif`;
    const entries: DeidReportEntry[] = [
      ...reader.facts.associatedImages.map((image, index) => removed(`image:${index}`, associatedImageKeyword(image))),
      ...(sourceTags ? identifyingTagNames(sourceTags).map((tag) => removed(`tag:${tag}`, tag)) : [removed('tags', 'AllDescriptiveTags')]),
      ...vendorFields.filter((field) => IDENTIFYING_VENDOR_FIELDS.includes(field)).map((field) => removed(`field:${field}`, field)),
      ...(vendorFields.some((field) => !IDENTIFYING_VENDOR_FIELDS.includes(field)) ? [removed('field:other', 'OtherVendorFields')] : []),
      { path: 'name', keyword: 'FileName', outcome: 'replaced', by: 'basic' },
      { path: 'pixels', keyword: 'Level0Pixels', outcome: 'kept', by: 'basic' },
    ];
    return { path: out, name, report: { sopInstanceUid: name, methodCodes: [], dayShift: null, entries }, release };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Vendor fields only (`aperio.Filename`), not OpenSlide's own facts (`openslide.*`) or the raw tags (`tiff.*`), which the tag list covers. */
function isVendorField(property: string): boolean {
  return property.includes('.') && !property.startsWith('openslide.') && !property.startsWith('tiff.');
}

function removed(path: string, keyword: string): DeidReportEntry {
  return { path, keyword, outcome: 'removed', by: 'basic' };
}

/** OpenSlide's associated image names are the vendors' (label, macro, thumbnail); anything else is named generically. */
function associatedImageKeyword(image: string): string {
  const known: Record<string, string> = { label: 'LabelImage', macro: 'MacroImage', thumbnail: 'ThumbnailImage' };
  return known[image] ?? 'AssociatedImage';
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
