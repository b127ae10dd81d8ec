import type { TargetLabel } from './annotation';

/** A live label spanning frames `first … last` (indices in the item's frame order, inclusive). */
export interface IndexedRange {
  readonly first: number;
  readonly last: number;
  readonly label: TargetLabel;
}

/**
 * The live range labels of one question, sorted by first frame, for finding the range that covers
 * a frame by binary search (O(log ranges)). Ranges of a per-frame question never overlap (the
 * commands split what a new tag covers, see `commands/frameRuns.ts`), so the one starting last at
 * or before a frame is the only candidate. (A `frameRange` question's video events may overlap:
 * for those `at` and `overlapping` can miss a long range that starts earlier; nothing asks them
 * of such a question, whose bands are laid out from the records.) Adding or removing one moves an array of references
 * (memmove of ranges, not records or frames): a question holds one entry per tagged run, a few
 * hundred even on a 20,000-frame set, as single frames stay in the store's per-target map.
 */
export class RangeIndex {
  private readonly ranges: IndexedRange[] = [];

  get size(): number {
    return this.ranges.length;
  }

  add(range: IndexedRange): void {
    this.ranges.splice(this.after(range.first), 0, range);
  }

  remove(id: string, first: number): void {
    // Ranges sharing a first frame (overlapping video ranges) sit together before `after(first)`.
    for (let i = this.after(first) - 1; i >= 0 && this.ranges[i]!.first === first; i -= 1) {
      if (this.ranges[i]!.label.id === id) {
        this.ranges.splice(i, 1);
        return;
      }
    }
  }

  /** The range covering `frame`, if any. */
  at(frame: number): IndexedRange | undefined {
    const candidate = this.ranges[this.after(frame) - 1];
    return candidate && candidate.last >= frame ? candidate : undefined;
  }

  /** Ranges meeting `first … last`, in order; O(log ranges + result). */
  overlapping(first: number, last: number): IndexedRange[] {
    const out: IndexedRange[] = [];
    const before = this.ranges[this.after(first) - 1];
    if (before && before.last >= first && before.first < first) out.push(before);
    for (let i = this.after(first - 1); i < this.ranges.length && this.ranges[i]!.first <= last; i += 1) out.push(this.ranges[i]!);
    return out;
  }

  /** Index of the first range starting after `frame`. */
  private after(frame: number): number {
    let low = 0;
    let high = this.ranges.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.ranges[mid]!.first <= frame) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
