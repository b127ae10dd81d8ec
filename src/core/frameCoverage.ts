/**
 * How many positions of `0 … size-1` at least one interval covers, kept under adding and
 * removing intervals in O(log size) each: a segment tree whose node holds how many intervals
 * cover it whole and how many of its positions are covered (the "length of a union of
 * segments" tree). Progress of a frame set ("frames labelled") is this number, so tagging a run
 * of 5,000 frames as one range record costs one update, not 5,000. An interval may only be
 * removed as it was added (the store adds a record's span and removes the same span).
 */
export class FrameCoverage {
  private readonly cover: Int32Array;
  private readonly covered: Int32Array;

  constructor(readonly size: number) {
    const nodes = 4 * Math.max(1, size);
    this.cover = new Int32Array(nodes);
    this.covered = new Int32Array(nodes);
  }

  /** Positions covered by at least one interval. */
  get total(): number {
    return this.covered[1] ?? 0;
  }

  /** Adds (`by` = 1) or removes (`by` = -1) the interval `first … last` (inclusive). */
  change(first: number, last: number, by: 1 | -1): void {
    if (first > last || last < 0 || first >= this.size) return;
    this.update(1, 0, this.size - 1, Math.max(0, first), Math.min(this.size - 1, last), by);
  }

  /** Whether some interval covers `position`; O(log size). */
  covers(position: number): boolean {
    if (position < 0 || position >= this.size) return false;
    let node = 1;
    let low = 0;
    let high = this.size - 1;
    for (;;) {
      if ((this.cover[node] ?? 0) > 0) return true;
      if (low === high) return false;
      const mid = (low + high) >> 1;
      if (position <= mid) {
        node = 2 * node;
        high = mid;
      } else {
        node = 2 * node + 1;
        low = mid + 1;
      }
    }
  }

  private update(node: number, low: number, high: number, first: number, last: number, by: number): void {
    if (last < low || high < first) return;
    if (first <= low && high <= last) this.cover[node] = (this.cover[node] ?? 0) + by;
    else {
      const mid = (low + high) >> 1;
      this.update(2 * node, low, mid, first, last, by);
      this.update(2 * node + 1, mid + 1, high, first, last, by);
    }
    if ((this.cover[node] ?? 0) > 0) this.covered[node] = high - low + 1;
    else if (low === high) this.covered[node] = 0;
    else this.covered[node] = (this.covered[2 * node] ?? 0) + (this.covered[2 * node + 1] ?? 0);
  }
}
