/**
 * Labelmaps as COCO's uncompressed run-length encoding: `{ counts, size: [height, width] }`,
 * runs alternating from a run of 0s like ours (mask.ts), but column-major (COCO stores masks in
 * Fortran order) where ours are row-major. One of our masks holds every pixel of one class on a
 * frame, often several separate objects (every haemorrhage of a fundus photo), which is what COCO
 * calls a crowd: such annotations carry `iscrowd: 1`, as the format ties RLE to it. The compressed
 * form (a `counts` string) is not read.
 */
import type { Mask } from '../annotation';
import { countSet, decodeRuns, encodeRuns } from '../mask';

export interface CocoRle {
  readonly counts: readonly number[];
  /** [height, width], COCO's order. */
  readonly size: readonly [number, number];
}

export interface CocoMaskShape {
  readonly segmentation: CocoRle;
  readonly area: number;
  readonly bbox: readonly [number, number, number, number];
}

type Labelmap = Pick<Mask, 'width' | 'height' | 'runs'>;

/** Row-major pixels as column-major, or back with width and height swapped. */
function transposed(pixels: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(pixels.length);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) out[x * height + y] = pixels[y * width + x]!;
  return out;
}

/** The mask as COCO RLE with its area and the box of its set pixels' squares; null when nothing is set. */
export function toCocoRle(mask: Labelmap): CocoMaskShape | null {
  const area = countSet(mask.runs);
  if (area === 0) return null;
  const pixels = decodeRuns(mask.runs, mask.width * mask.height);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  pixels.forEach((bit, i) => {
    if (bit === 0) return;
    const x = i % mask.width;
    const y = (i - x) / mask.width;
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  });
  return {
    segmentation: { counts: encodeRuns(transposed(pixels, mask.width, mask.height)), size: [mask.height, mask.width] },
    area,
    bbox: [minX, minY, maxX - minX + 1, maxY - minY + 1],
  };
}

export type CocoRleRead = { readonly ok: true; readonly labelmap: Labelmap } | { readonly ok: false; readonly detail: string };

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/** Our labelmap of an uncompressed COCO RLE, or why it cannot be read. */
export function readCocoRle(segmentation: Record<string, unknown>): CocoRleRead {
  const { counts, size } = segmentation;
  if (typeof counts === 'string') return { ok: false, detail: 'compressed RLE (a counts string) is not read; uncompressed counts are' };
  if (!Array.isArray(size) || size.length !== 2 || !size.every((n) => isCount(n) && n > 0)) return { ok: false, detail: 'RLE size is not [height, width]' };
  if (!Array.isArray(counts) || !counts.every(isCount)) return { ok: false, detail: 'RLE counts are not whole numbers' };
  const [height, width] = size as [number, number];
  const total = counts.reduce((sum: number, n: number) => sum + n, 0);
  if (total !== width * height) return { ok: false, detail: `RLE counts cover ${total} pixels, size ${height}×${width} has ${width * height}` };
  const columns = decodeRuns(counts, width * height);
  return { ok: true, labelmap: { width, height, runs: encodeRuns(transposed(columns, height, width)) } };
}
