import { countSet } from '../mask';
import { maskOverlap } from './maskOverlap';
import { outlineOverlap } from './outlineOverlap';
import type { Overlap } from './overlap';
import type { ReadingValue } from './readings';

type RegionValue = Extract<ReadingValue, { kind: 'mask' | 'outline' | 'empty' }>;

function size(value: RegionValue): number | null {
  if (value.kind === 'empty') return 0;
  if (value.kind === 'mask') return countSet(value.runs);
  return outlineOverlap(value.polygons, []).sizeA;
}

/**
 * Overlap of two readers' regions on one unit; null when they cannot be compared without
 * rasterising (a mask against an outline, or masks of different sizes), which would cost O(image).
 */
export function regionOverlap(a: RegionValue, b: RegionValue): Overlap | null {
  if (a.kind === 'empty' || b.kind === 'empty') {
    const [sizeA, sizeB] = [size(a), size(b)];
    return sizeA === null || sizeB === null ? null : { intersection: 0, sizeA, sizeB };
  }
  if (a.kind === 'mask' && b.kind === 'mask') return a.width === b.width && a.height === b.height ? maskOverlap(a.runs, b.runs) : null;
  if (a.kind === 'outline' && b.kind === 'outline') return outlineOverlap(a.polygons, b.polygons);
  return null;
}

export function isRegionValue(value: ReadingValue): value is RegionValue {
  return value.kind === 'mask' || value.kind === 'outline' || value.kind === 'empty';
}
