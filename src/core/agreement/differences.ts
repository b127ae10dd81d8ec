import { dice } from './overlap';
import type { ReadingValue, Reading } from './readings';
import { isRegionValue, regionOverlap } from './regionOverlap';
import { unitsByQuestion } from './units';

/** One unit (item, slice, frame or region) on which the readers of an item do not agree. */
export interface DifferingUnit {
  readonly questionId: string;
  readonly itemId: string;
  /** A slice or frame id, the item id for per-item questions, `targetId/classCode` for regions. */
  readonly targetKey: string;
  /** Every reader of the item in the order given, with their answer here (null: gave none). */
  readonly answers: readonly { readonly readerId: string; readonly value: ReadingValue | null }[];
}

export interface DifferenceOptions {
  /** Regions whose Dice is under this differ; drawn by hand, two readers rarely match to the pixel. */
  readonly minRegionDice?: number;
}

export const DEFAULT_MIN_REGION_DICE = 0.8;

function sameCategory(a: ReadingValue, b: ReadingValue): boolean {
  if (a.kind === 'class' && b.kind === 'class') return a.code === b.code;
  if (a.kind === 'grade' && b.kind === 'grade') return a.grade === b.grade;
  if (a.kind === 'classes' && b.kind === 'classes') return a.codes.length === b.codes.length && a.codes.every((code, i) => code === b.codes[i]);
  return false;
}

function agree(a: ReadingValue, b: ReadingValue, minRegionDice: number): boolean {
  if (isRegionValue(a) && isRegionValue(b)) {
    const overlap = regionOverlap(a, b);
    // Regions that cannot be compared cheaply (a mask against outlines) are shown to a person.
    return overlap !== null && dice(overlap) >= minRegionDice;
  }
  return sameCategory(a, b);
}

/**
 * The units on which the given readers differ: one answered where another did not, two
 * categorical answers differ, or two regions overlap less than `minRegionDice`. Readers are every
 * reader whose work is compared, so a reader who answered nothing on a unit still counts. Units
 * come sorted by question, then item and target. O(readings log readings + region overlaps).
 */
export function readerDifferences(readings: readonly Reading[], readerIds: readonly string[], options: DifferenceOptions = {}): DifferingUnit[] {
  const minRegionDice = options.minRegionDice ?? DEFAULT_MIN_REGION_DICE;
  const questions = [...unitsByQuestion(readings)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: DifferingUnit[] = [];
  for (const [questionId, units] of questions) {
    for (const unit of units) {
      const answers = readerIds.map((readerId) => ({ readerId, value: unit.values.get(readerId) ?? null }));
      const [first, ...rest] = answers;
      if (!first) continue;
      const differs = rest.some(({ value }) => (value === null || first.value === null ? value !== first.value : !agree(first.value, value, minRegionDice)));
      if (differs) out.push({ questionId, itemId: unit.itemId, targetKey: unit.targetKey, answers });
    }
  }
  return out;
}
