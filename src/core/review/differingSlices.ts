/**
 * The slices (or frames) on which an item's handed-in readers differ, for the reviewer's slice
 * strip and its next/previous-difference keys. A difference names its unit by `targetKey`: a
 * slice id, `sliceId/classCode` for a region question, or the item id for a per-item question
 * (which no slice shows).
 */
import type { DifferingUnit } from '../agreement';

/** Indices into `targetIds` (reading order) of the targets some difference is on, ascending, each once. */
export function differingSliceIndices(differences: readonly Pick<DifferingUnit, 'targetKey'>[], targetIds: readonly string[]): number[] {
  const indexOf = new Map(targetIds.map((id, index) => [id, index]));
  const found = new Set<number>();
  for (const { targetKey } of differences) {
    const slash = targetKey.indexOf('/');
    const index = indexOf.get(targetKey) ?? (slash > 0 ? indexOf.get(targetKey.slice(0, slash)) : undefined);
    if (index !== undefined) found.add(index);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * The next (`direction` 1) or previous (-1) differing slice from `current`, wrapping around the
 * item; null when no slice differs. From a slice that differs itself it moves on to another.
 */
export function stepDiffering(indices: readonly number[], current: number, direction: 1 | -1): number | null {
  if (indices.length === 0) return null;
  if (direction === 1) return indices.find((index) => index > current) ?? (indices[0] as number);
  return [...indices].reverse().find((index) => index < current) ?? (indices[indices.length - 1] as number);
}
