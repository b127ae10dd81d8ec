import type { Overlap } from './overlap';

function total(runs: readonly number[]): number {
  return runs.reduce((sum, run) => sum + run, 0);
}

/**
 * Overlap of two run-length masks of one image (see mask.ts), walking both run lists together:
 * O(runs of a + runs of b), never O(pixels). Masks of different sizes cannot be compared and throw.
 */
export function maskOverlap(a: readonly number[], b: readonly number[]): Overlap {
  const length = total(a);
  if (total(b) !== length) throw new RangeError(`masks cover ${length} and ${total(b)} pixels; only masks of one image can be compared`);
  let intersection = 0;
  let sizeA = 0;
  let sizeB = 0;
  let i = 0;
  let j = 0;
  let leftA = a[0] ?? 0;
  let leftB = b[0] ?? 0;
  let position = 0;
  while (position < length) {
    // Skip exhausted (zero-length) runs, flipping between 0s and 1s.
    while (leftA === 0 && i < a.length - 1) leftA = a[++i]!;
    while (leftB === 0 && j < b.length - 1) leftB = b[++j]!;
    const step = Math.min(leftA, leftB);
    const inA = i % 2 === 1;
    const inB = j % 2 === 1;
    if (inA) sizeA += step;
    if (inB) sizeB += step;
    if (inA && inB) intersection += step;
    leftA -= step;
    leftB -= step;
    position += step;
  }
  return { intersection, sizeA, sizeB };
}
