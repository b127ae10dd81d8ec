/**
 * The SlideReader of TIFF-family slides (Aperio SVS, Hamamatsu NDPI, generic tiled/pyramidal
 * TIFF, OME-TIFF). Facts come from OpenSlide (or the OME-XML); the served pyramid is cut by
 * libvips (`vips dzsave`, Debian's build with OpenSlide) into a temporary folder. Only level 0 of
 * the scan is read, so label and macro images never reach a tile.
 *
 * Where level 0 is stored as whole YCbCr JPEG tiles, those tiles are served as they are (no second
 * lossy encoding) and the served grid is the stored one; edge tiles, which TIFF pads to the full
 * tile size, are taken from the tiler cut to the image. A file whose TIFF tags say RGB while its
 * JFIF tiles are YCbCr (an OME-TIFF writer quirk) is tiled by in-process libvips (sharp) with the
 * YCbCr→RGB conversion libtiff skipped, so lower levels match the passed-through tiles.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { SlideLevel } from '../../src/core/item';
import { servedLevels, writeDzFolder, type TileOverride } from './dzFolder';
import { runTool } from '../processes/runTool';
import { parseProperties } from './processes';
import type { PyramidBuild, PyramidShape, PyramidWriter, SlideFacts, SlideReader } from './pyramidWriter';
import { SLIDE_LIMITS, SlideRefusal, type SlideLimits } from './refusal';
import { associatedImagesOf, factsFromOpenSlide, factsFromTiff } from './tiffFacts';
import { readAt, readTiffStructure, type WholeJpegTiles, type TiffStructure } from './tiffStructure';

/** Tile edge of re-encoded pyramids: OpenSeadragon's and Deep Zoom's usual size. */
export const DEFAULT_TILE_SIZE = 256;
/** JPEG quality of re-encoded tiles: indistinguishable from the scan for reading, a third of Q=100's size. */
const JPEG_QUALITY = 90;

/** JFIF YCbCr → RGB (ITU-R BT.601 full range), as a standalone JPEG decoder does it. */
const YCBCR_TO_RGB: [[number, number, number], [number, number, number], [number, number, number]] = [
  [1, 0, 1.402],
  [1, -0.344136, -0.714136],
  [1, 1.772, 0],
];
/** The −128 shifts of Cb and Cr, folded through the matrix above. */
const YCBCR_OFFSETS = [-1.402 * 128, (0.344136 + 0.714136) * 128, -1.772 * 128];

/** `tmpDir`: the work folder OpenSlide and libvips read the file's properties from (their TMPDIR). */
export async function openTiffSlide(path: string, tmpDir: string, limits: SlideLimits = SLIDE_LIMITS): Promise<SlideReader> {
  const { size } = await stat(path);
  if (size > limits.maxBytes) throw new SlideRefusal('slideTooLarge', `the file has ${size} bytes; slides of at most ${limits.maxBytes} bytes are accepted`);
  const structure = await readTiffStructure(path, size);
  const openslide = await runTool('openslide-show-properties', [path], { tmpDir });
  const facts = openslide.ok ? await openSlideFacts(path, tmpDir, openslide.stdout, structure) : await tiffFacts(path, tmpDir, openslide.stderr, structure);
  const level0 = facts.sourceLevels[0];
  if (!level0) throw new SlideRefusal('slideUnreadable', 'not a readable slide: its full-resolution level has no size');
  if (level0.width > limits.maxSidePx || level0.height > limits.maxSidePx) {
    throw new SlideRefusal('slideTooLarge', `the slide is ${level0.width}×${level0.height} px; at most ${limits.maxSidePx} px a side are accepted`);
  }
  // Stored tiles pass through only where the file's first image is the level OpenSlide calls level 0.
  const sameLevel = structure !== null && structure.width === level0.width && structure.height === level0.height;
  return new TiffSlideReader(path, facts, level0, sameLevel ? structure.wholeJpegTiles : null);
}

async function openSlideFacts(path: string, tmpDir: string, properties: string, structure: TiffStructure | null): Promise<SlideFacts> {
  const vips = await runTool('vipsheader', ['-a', path], { tmpDir });
  return factsFromOpenSlide(parseProperties(properties), vips.ok ? associatedImagesOf(parseProperties(vips.stdout)) : [], structure?.imageSizes ?? null, structure?.imageDescription ?? null);
}

/** Not a format OpenSlide knows: a tiled TIFF libvips reads (OME-TIFF, plain pyramidal TIFF). */
async function tiffFacts(path: string, tmpDir: string, openslideComplaint: string, structure: TiffStructure | null): Promise<SlideFacts> {
  if (!structure) throw new SlideRefusal('slideTruncated', 'the file is cut short or damaged: its image directories cannot be read');
  if (!structure.tiled) throw new SlideRefusal('slideUnreadable', 'a TIFF picture, not a slide: a whole-slide image stores its image in tiles, and no slide reader knows this file');
  const vips = await runTool('vipsheader', [path], { tmpDir });
  if (!vips.ok) throw new SlideRefusal('slideUnreadable', `not a readable slide: neither OpenSlide nor libvips can open it (${vips.stderr || openslideComplaint})`);
  return factsFromTiff(structure);
}

class TiffSlideReader implements SlideReader {
  constructor(
    private readonly path: string,
    readonly facts: SlideFacts,
    private readonly level0: { readonly width: number; readonly height: number },
    private readonly stored: WholeJpegTiles | null,
  ) {}

  async writePyramid(writer: PyramidWriter, { onProgress, workDirs, signal }: PyramidBuild): Promise<PyramidShape> {
    const tileSize = this.stored?.tileSize ?? DEFAULT_TILE_SIZE;
    const levels = servedLevels(this.level0.width, this.level0.height, tileSize);
    const dir = await workDirs.workDir('dz');
    try {
      await this.tile(dir.path, tileSize, signal);
      await writeDzFolder(join(dir.path, 'slide_files'), levels, tileSize, writer, onProgress, this.passThrough(levels[0] as SlideLevel, tileSize), signal);
      return { levels, tileSize, tileFormat: 'jpeg' };
    } finally {
      await dir.release();
    }
  }

  /**
   * Writes `slide.dzi` and `slide_files/` in the work folder `dir`, libvips' temporary files beside them. The `vips` child is killed on abort; sharp's pipeline
   * runs in this process and cannot be interrupted once started, so a cancel is seen before it and
   * right after it (the folder it wrote goes with the work folder).
   */
  private async tile(dir: string, tileSize: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const base = join(dir, 'slide');
    if (this.stored?.photometricSaysRgb) {
      await sharp(this.path, { limitInputPixels: false })
        .recomb(YCBCR_TO_RGB)
        .linear([1, 1, 1], YCBCR_OFFSETS)
        .jpeg({ quality: JPEG_QUALITY })
        .tile({ size: tileSize, overlap: 0, layout: 'dz', depth: 'onetile' })
        .toFile(base);
      signal?.throwIfAborted();
      return;
    }
    const args = ['dzsave', this.path, base, '--layout', 'dz', '--tile-size', String(tileSize), '--overlap', '0', '--depth', 'onetile', '--suffix', `.jpeg[Q=${JPEG_QUALITY}]`];
    const result = await runTool('vips', args, { tmpDir: dir, signal });
    if (!result.ok) throw new SlideRefusal('slideUnreadable', `the slide's image data could not be read: ${result.stderr}`);
  }

  /** Level-0 tiles of the file that are whole (not edge) tiles, as they are stored. */
  private passThrough(level0: SlideLevel, tileSize: number): TileOverride | undefined {
    const stored = this.stored;
    if (!stored) return undefined;
    const columns = Math.ceil(level0.width / tileSize);
    return async (level, x, y) => {
      const whole = (x + 1) * tileSize <= level0.width && (y + 1) * tileSize <= level0.height;
      if (level !== 0 || !whole) return null;
      const i = y * columns + x;
      return readAt(this.path, stored.offsets[i] as number, stored.byteCounts[i] as number);
    };
  }
}
