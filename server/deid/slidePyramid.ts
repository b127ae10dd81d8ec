/**
 * Which of a slide's image directories are its pyramid's levels, where their tiles can be copied
 * as they are (tiledTiffCopy.ts); null where they cannot and libvips re-encodes level 0 instead.
 * - An Aperio SVS or a generic tiled TIFF: the tiled top-level images of level 0's shape (a label
 *   or macro has its own), none with SubIFDs (a layout those writers do not use).
 * - An OME-TIFF: its first image (the first series, the slide) and that image's SubIFDs (OME-TIFF
 *   6 and later keep the reduced levels there), or without SubIFDs the smaller top-level images of
 *   its shape (older writers). Every other series (label, macro, thumbnail) stays behind. Its tiles
 *   must be in a compression libvips decodes, and byte-order free: a big-endian file's samples of
 *   more than 8 bits would read swapped in the little-endian copy.
 */
import type { ImageFileDirectory } from 'geotiff';
import { tiffDirectories } from './tiffDirectories';

export type SlideKind = 'aperio' | 'generic-tiff' | 'ome';

/** Level 0 of what is copied, as a description of it (Aperio's, an OME-XML) states it. */
export interface PixelShape {
  readonly width: number;
  readonly height: number;
  readonly tileWidth: number;
  readonly tileHeight: number;
  readonly samplesPerPixel: number;
  readonly bitsPerSample: number;
}

export interface SourcePyramid {
  /** Byte offsets of the levels' directories, level 0 first. */
  readonly levels: readonly number[];
  readonly level0: PixelShape;
}

const TILE_WIDTH = 322;
/** None, LZW, JPEG, Deflate (Adobe's and the old code): what libtiff, libvips and OpenSlide decode. */
const OME_COPIED_COMPRESSIONS: ReadonlySet<number> = new Set([1, 5, 7, 8, 32946]);

export async function sourcePyramid(path: string, kind: SlideKind): Promise<SourcePyramid | null> {
  const { topLevel, littleEndian, at } = await tiffDirectories(path);
  const [first, ...rest] = topLevel;
  if (!first || !first.directory.hasTag(TILE_WIDTH)) return null;
  const level0 = await pixelShapeOf(first.directory);
  let levels: number[];
  if (first.subIfds.length > 0) {
    if (kind !== 'ome') return null;
    levels = [first.offset, ...first.subIfds];
  } else {
    if (kind !== 'ome' && rest.some((image) => image.subIfds.length > 0)) return null;
    levels = [first.offset];
    for (const image of rest) {
      const { width, height } = await pixelShapeOf(image.directory);
      // A level is smaller than level 0 and of its shape; a tiled label or macro has its own.
      const shapeOfLevel0 = width < level0.width && Math.abs((width * level0.height) / level0.width - height) <= Math.max(2, height * 0.01);
      if (image.directory.hasTag(TILE_WIDTH) && shapeOfLevel0) levels.push(image.offset);
    }
  }
  for (const offset of levels) {
    const directory = await at(offset);
    if (!directory.hasTag(TILE_WIDTH)) return null;
    if (kind === 'ome' && !OME_COPIED_COMPRESSIONS.has(Number(directory.getValue('Compression') ?? 1))) return null;
    if (!littleEndian && (await pixelShapeOf(directory)).bitsPerSample > 8) return null;
  }
  return { levels, level0 };
}

/** The shape of the image at `offset` of `path` (a file libvips wrote, say). */
export async function pixelShapeAt(path: string, offset: number): Promise<PixelShape> {
  return pixelShapeOf(await (await tiffDirectories(path)).at(offset));
}

async function pixelShapeOf(directory: ImageFileDirectory): Promise<PixelShape> {
  const bits: unknown = await directory.loadValue('BitsPerSample');
  return {
    width: Number(directory.getValue('ImageWidth')),
    height: Number(directory.getValue('ImageLength')),
    tileWidth: Number(directory.getValue('TileWidth') ?? 0),
    tileHeight: Number(directory.getValue('TileLength') ?? 0),
    samplesPerPixel: Number(directory.getValue('SamplesPerPixel') ?? 1),
    bitsPerSample: Math.max(...Array.from(typeof bits === 'number' ? [bits] : ((bits ?? [8]) as ArrayLike<number>), Number)),
  };
}
