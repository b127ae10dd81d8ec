/**
 * A DICOM WSI slide as a `SlideReader`: its facts from the headers, its served pyramid (downsample
 * 2^k, square tiles of level 0's size) written tile by tile. A stored level of the right downsample
 * and tile size gives its tiles: baseline JPEG frames unchanged (RGB ones with
 * their header marked RGB, rgbJpeg.ts), uncompressed frames encoded, padded
 * edge frames cut to the level's edge, sparse gaps white. Every other level is built from the next
 * finer one by halving 2 × 2 tiles. The walk is depth first from the top tile, so each tile is made
 * once and only one path of decoded tiles is in memory, whatever the slide's size.
 */
import type { SlideLevel } from '../../../src/core/item';
import type { PyramidBuild, PyramidShape, PyramidWriter, SlideFacts, SlideReader } from '../pyramidWriter';
import type { ByteSource } from './byteSource';
import { JPEG_BASELINE, WsiError, readWsiInstance, type WsiInstance } from './instance';
import { buildWsiPyramid, type WsiPyramid, type WsiSourceLevel } from './pyramid';
import { asRgbJpeg } from './rgbJpeg';
import { cropTopLeft, decodeFrame, decodeJpeg, encodeJpeg, halve, white, type RgbPixels } from './tilePixels';

export interface DicomWsiFileRefusal {
  /** Index of the file in the list given. */
  readonly index: number;
  readonly reason: string;
}

/**
 * Reads every file's header and groups the whole-slide instances into slides (by PyramidUID, else series).
 * A file that is not one, or belongs to a slide that cannot be served, is refused with the
 * reason; the other slides open all the same.
 */
export async function openDicomWsiSlides(files: readonly ByteSource[]): Promise<{ slides: DicomWsiSlide[]; refused: DicomWsiFileRefusal[] }> {
  const groups = new Map<string, { instance: WsiInstance; index: number }[]>();
  const refused: DicomWsiFileRefusal[] = [];
  for (const [index, source] of files.entries()) {
    try {
      const instance = await readWsiInstance(source);
      groups.set(instance.pyramidKey, [...(groups.get(instance.pyramidKey) ?? []), { instance, index }]);
    } catch (error) {
      if (!(error instanceof WsiError)) throw error;
      refused.push({ index, reason: error.message });
    }
  }
  const slides: DicomWsiSlide[] = [];
  for (const [key, members] of groups) {
    try {
      slides.push(new DicomWsiSlide(buildWsiPyramid(key, members.map((m) => m.instance)), members.map((m) => m.index)));
    } catch (error) {
      if (!(error instanceof WsiError)) throw error;
      for (const { index } of members) refused.push({ index, reason: error.message });
    }
  }
  refused.sort((a, b) => a.index - b.index);
  return { slides, refused };
}

/** One level of the served pyramid and where its tiles come from. */
interface ServedLevel extends SlideLevel {
  readonly across: number;
  readonly down: number;
  /** The stored level giving its tiles, or null when it is built from the finer level. */
  readonly source: WsiSourceLevel | null;
}

type Decoded = RgbPixels | null;

export class DicomWsiSlide implements SlideReader {
  readonly facts: SlideFacts;
  readonly tileSize: number;
  private readonly served: readonly ServedLevel[];

  /** The pyramid's identity (PyramidUID, else series): a second import of it is a duplicate. */
  readonly key: string;

  /** @param files Indexes, in the list given to `openDicomWsiSlides`, of the files this slide is made of. */
  constructor(
    pyramid: WsiPyramid,
    readonly files: readonly number[] = [],
  ) {
    this.key = pyramid.key;
    const base = pyramid.levels[0]!;
    const level0 = base.instances[0]!;
    if (base.tileColumns !== base.tileRows) throw new WsiError(`its tiles are ${base.tileColumns} × ${base.tileRows} px; only square tiles can be served`);
    this.tileSize = base.tileColumns;
    this.served = servedLevels(pyramid, this.tileSize);
    this.facts = {
      micronsPerPixel: level0.micronsPerPixel,
      objectivePower: level0.objectivePower,
      scanner: level0.scanner === '' ? 'DICOM WSI' : `DICOM WSI (${level0.scanner})`,
      sourceLevels: pyramid.levels.map(({ width, height, downsample }) => ({ width, height, downsample })),
      associatedImages: pyramid.associated.map((instance) => instance.flavor.toLowerCase()),
    };
  }

  /** The served levels this slide will have (known before any tile is written). */
  get levels(): readonly SlideLevel[] {
    return this.served.map(({ width, height, downsample }) => ({ width, height, downsample }));
  }

  /** Tiles are cut in memory from the instances' frames: no work folder. */
  async writePyramid(writer: PyramidWriter, { onProgress, signal }: Partial<PyramidBuild> = {}): Promise<PyramidShape> {
    const total = this.served.reduce((sum, level) => sum + level.across * level.down, 0);
    let done = 0;
    const put = async (level: number, x: number, y: number, bytes: Uint8Array) => {
      signal?.throwIfAborted();
      await writer.put(level, x, y, bytes);
      done += 1;
      onProgress?.(done, total);
    };
    const visit = async (k: number, x: number, y: number, needPixels: boolean): Promise<Decoded> => {
      const level = this.served[k]!;
      const width = Math.min(this.tileSize, level.width - x * this.tileSize);
      const height = Math.min(this.tileSize, level.height - y * this.tileSize);
      if (level.source) {
        const tile = await this.storedTile(level.source, x, y, width, height);
        await put(k, x, y, tile.bytes);
        if (k > 0) for (const [cx, cy] of this.children(k, x, y)) await visit(k - 1, cx, cy, false);
        return needPixels ? (tile.pixels ?? (await decodeJpeg(tile.bytes))) : null;
      }
      const quad: Decoded[] = [null, null, null, null];
      for (const [cx, cy] of this.children(k, x, y)) quad[(cy - 2 * y) * 2 + (cx - 2 * x)] = await visit(k - 1, cx, cy, true);
      const pixels = halve(quad as [RgbPixels, Decoded, Decoded, Decoded]);
      if (pixels.width !== width || pixels.height !== height) throw new Error(`built tile ${k}/${x}/${y} is ${pixels.width} × ${pixels.height}, expected ${width} × ${height}`);
      await put(k, x, y, await encodeJpeg(pixels));
      return needPixels ? pixels : null;
    };
    await visit(this.served.length - 1, 0, 0, false);
    return { levels: this.levels, tileSize: this.tileSize, tileFormat: 'jpeg' };
  }

  /** Tiles of level k − 1 under tile (x, y) of level k, within that level. */
  private children(k: number, x: number, y: number): [number, number][] {
    const finer = this.served[k - 1]!;
    const result: [number, number][] = [];
    for (const [cx, cy] of [[2 * x, 2 * y], [2 * x + 1, 2 * y], [2 * x, 2 * y + 1], [2 * x + 1, 2 * y + 1]] as const) {
      if (cx < finer.across && cy < finer.down) result.push([cx, cy]);
    }
    return result;
  }

  /** A stored tile as served: the frame as it is when that is possible, else re-encoded pixels. */
  private async storedTile(source: WsiSourceLevel, x: number, y: number, width: number, height: number): Promise<{ bytes: Uint8Array; pixels: RgbPixels | null }> {
    const stored = source.tile(x, y);
    if (!stored) {
      const pixels = white(width, height);
      return { bytes: await encodeJpeg(pixels), pixels };
    }
    const frame = browserReadable(stored.instance, await stored.instance.frame(stored.frame));
    if (source.jpegBaseline && width === this.tileSize && height === this.tileSize) return { bytes: frame, pixels: null };
    const pixels = cropTopLeft(await decodeFrame(stored.instance, frame), width, height);
    return { bytes: await encodeJpeg(pixels), pixels };
  }
}

/** An RGB JPEG frame marked as RGB, so browsers and sharp do not take it for YCbCr; any other frame as stored. */
function browserReadable(instance: WsiInstance, frame: Uint8Array): Uint8Array {
  return instance.transferSyntaxUid === JPEG_BASELINE && instance.photometricInterpretation === 'RGB' ? asRgbJpeg(frame) : frame;
}

/** Level k: downsample 2^k, size rounded up, until one tile holds the whole level. */
function servedLevels(pyramid: WsiPyramid, tileSize: number): ServedLevel[] {
  const base = pyramid.levels[0]!;
  const levels: ServedLevel[] = [];
  for (let k = 0; ; k += 1) {
    const downsample = 2 ** k;
    const width = Math.ceil(base.width / downsample);
    const height = Math.ceil(base.height / downsample);
    const source = k === 0 ? base : (pyramid.levels.find((level) => matches(level, width, height, tileSize)) ?? null);
    levels.push({ width, height, downsample, across: Math.ceil(width / tileSize), down: Math.ceil(height / tileSize), source });
    if (width <= tileSize && height <= tileSize) return levels;
  }
}

/** A stored level serves level k as it is when its size is level k's (either rounding) and its tiles are the pyramid's. */
function matches(level: WsiSourceLevel, width: number, height: number, tileSize: number): boolean {
  return Math.abs(level.width - width) <= 1 && Math.abs(level.height - height) <= 1 && level.tileColumns === tileSize && level.tileRows === tileSize;
}
