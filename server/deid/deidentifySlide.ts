/**
 * De-identification of a TIFF-family slide (SVS, NDPI, generic or OME-TIFF) for a dataset whose
 * policy is `required`. The label, macro and thumbnail images and every descriptive tag stay
 * behind (slideTags.ts lists what and why); what a pathologist needs and identifies no one stays:
 * the pixel size, the objective power and the scanner's make and model. The result is checked to
 * carry layout tags and those only, then handed on under a pseudonymous name; the original file,
 * its name and its other tag values are never stored, logged or reported.
 *
 *   const slide = await deidentifySlide(pathOfUpload);
 *   try { store slide.path as `slide.name`; save slide.report } finally { await slide.release() }
 *
 * An Aperio SVS, a generic tiled TIFF or a tiled OME-TIFF keeps its pyramid's tiles byte for byte
 * (tiledTiffCopy.ts: the scanner's pixels, no second JPEG generation); an SVS keeps its description
 * in Aperio's form with only AppMag and MPP, so OpenSlide still reads it as Aperio with both; an
 * OME-TIFF keeps its first series' pyramid as SubIFDs of level 0 under a minimal OME-XML
 * (keptSlideMetadata.ts says which form keeps what). A Hamamatsu NDPI stores each level as one JPEG
 * with restart markers, not TIFF tiles, so its pixels cannot pass as they are: it, and any slide
 * whose tiles cannot be copied (strips, an odd compression), goes through libvips: level 0 read
 * (through OpenSlide where OpenSlide reads the file) and written as a new JPEG pyramid with
 * `--strip`, whose tiles are then copied the same way under the minimal OME-XML, which keeps the
 * pixel size, the objective power and the scanner's make and model that OpenSlide read.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeidReport, DeidReportEntry } from '../../src/core/deid/deidentify';
import { runTool } from '../processes/runTool';
import { parseProperties } from '../slides/processes';
import { SLIDE_LIMITS, SlideRefusal, type SlideLimits } from '../slides/refusal';
import { openTiffSlide } from '../slides/tiffReader';
import { keptSlideMetadata } from './keptSlideMetadata';
import { IDENTIFYING_VENDOR_FIELDS, firstTextTagsOf, identifyingTagNames, nonStructuralTags, tiffTagsOf } from './slideTags';
import { pixelShapeAt, sourcePyramid } from './slidePyramid';
import { scratchWorkDirs, type WorkDirs } from '../workDirs/workDirs';
import { copyTiledImages } from './tiledTiffCopy';

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

export interface DeidentifySlideOptions {
  readonly limits?: SlideLimits;
  /** Bytes of tiles copied of all to copy (a slide libvips re-encodes reports them once libvips is done). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborting stops the copy at its next tile, or kills libvips re-encoding it; deidentifySlide then throws the signal's reason. */
  readonly signal?: AbortSignal;
  /** Where the de-identified slide is written; absent (tests): scratchWorkDirs(). */
  readonly workDirs?: WorkDirs;
}

/** JPEG quality of a pyramid libvips re-encodes: the tile server's own (server/slides/tiffReader.ts). */
const JPEG_QUALITY = 90;
const TILE_SIZE = 256;
/** Above this many level-0 pixels the JPEG pyramid may pass 4 GiB: BigTIFF. */
const BIGTIFF_FROM_PIXELS = 2 ** 31;

export async function deidentifySlide(sourcePath: string, options: DeidentifySlideOptions = {}): Promise<DeidentifiedSlide> {
  const { path: dir, release } = await (options.workDirs ?? scratchWorkDirs()).workDir('deid-slide');
  try {
    // Under a name of our own: the given name may be the patient's, and would reach vips' messages.
    const source = join(dir, 'source');
    await symlink(sourcePath, source);
    const reader = await openTiffSlide(source, dir, options.limits ?? SLIDE_LIMITS);
    const openslide = await runTool('openslide-show-properties', [source], { tmpDir: dir });
    const properties = openslide.ok ? parseProperties(openslide.stdout) : new Map<string, string>();
    const vendorFields = [...properties.keys()].filter(isVendorField);
    const sourceTags = await tiffTagsOf(source).catch(() => null);

    const out = join(dir, 'deidentified.tif');
    const kept = await keptSlideMetadata(source, properties);
    let tiles = { path: source, levels: kept.pyramid?.levels ?? [] };
    if (!kept.pyramid) {
      const reencoded = join(dir, 'reencoded.tif');
      // libvips opens a generic TIFF with its own TIFF loader (`page`), a vendor format through OpenSlide (`level`).
      const openslideLoads = openslide.ok && properties.get('openslide.vendor') !== 'generic-tiff';
      await reencode(source, reencoded, reader.facts.sourceLevels[0] as { width: number; height: number }, openslideLoads, dir, options.signal);
      const pyramid = await sourcePyramid(reencoded, 'generic-tiff');
      if (!pyramid) throw new Error('libvips wrote no tiled pyramid');
      tiles = { path: reencoded, levels: pyramid.levels };
    }
    const text = kept.text(await pixelShapeAt(tiles.path, tiles.levels[0] as number));
    await copyTiledImages(tiles.path, out, { images: tiles.levels, layout: kept.layout, text, onProgress: options.onProgress, signal: options.signal });
    options.signal?.throwIfAborted();

    const left = nonStructuralTags(await tiffTagsOf(out), new Set(text.keys()));
    if (left.length > 0) throw new Error(`the de-identified slide still has TIFF tags ${left.join(', ')}`);
    const written = await firstTextTagsOf(out, [...text.keys()]);
    if ([...text].some(([tag, value]) => written.get(tag) !== value)) throw new Error('the de-identified slide does not carry exactly the text it was given');
    const sha256 = await sha256Of(out);
    const name = `slide-${sha256.slice(0, 12)}.tif`;
    const keptFields = new Set(kept.fields.map((field) => field.source));
    const entries: DeidReportEntry[] = [
      ...reader.facts.associatedImages.map((image, index) => removed(`image:${index}`, associatedImageKeyword(image))),
      ...kept.otherSeries.map((keyword, index) => removed(`series:${index + 1}`, keyword)),
      ...(sourceTags ? identifyingTagNames(sourceTags).filter((tag) => !keptFields.has(`tag:${tag}`)).map((tag) => removed(`tag:${tag}`, tag)) : [removed('tags', 'AllDescriptiveTags')]),
      ...vendorFields.filter((field) => IDENTIFYING_VENDOR_FIELDS.includes(field)).map((field) => removed(`field:${field}`, field)),
      ...(vendorFields.some((field) => !IDENTIFYING_VENDOR_FIELDS.includes(field) && !keptFields.has(`field:${field}`)) ? [removed('field:other', 'OtherVendorFields')] : []),
      ...kept.fields.map((field) => ({ path: field.source, keyword: field.keyword, outcome: 'kept' as const, by: 'basic' as const })),
      { path: 'name', keyword: 'FileName', outcome: 'replaced', by: 'basic' },
      kept.pyramid ? { path: 'pixels', keyword: 'PyramidTiles', outcome: 'kept', by: 'basic' } : { path: 'pixels', keyword: 'Level0Pixels', outcome: 'replaced', by: 'basic' },
    ];
    return { path: out, name, report: { sopInstanceUid: name, methodCodes: [], dayShift: null, entries }, release };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Level 0 written by libvips as a new JPEG pyramid with no metadata but the pixel size (then copied under the kept metadata); `tmpDir`: the work folder. */
async function reencode(source: string, out: string, level0: { width: number; height: number }, openslideLoads: boolean, tmpDir: string, signal?: AbortSignal): Promise<void> {
  const args = ['tiffsave', `${source}[${openslideLoads ? 'level=0' : 'page=0'}]`, out, '--tile', '--pyramid', '--compression', 'jpeg', '--Q', String(JPEG_QUALITY)];
  args.push('--tile-width', String(TILE_SIZE), '--tile-height', String(TILE_SIZE), '--strip');
  if (level0.width * level0.height > BIGTIFF_FROM_PIXELS) args.push('--bigtiff');
  const saved = await runTool('vips', args, { tmpDir, signal });
  if (!saved.ok) throw new SlideRefusal('slideUnreadable', `the slide's image data could not be read for de-identification: ${saved.stderr.replaceAll(source, 'the slide')}`);
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
