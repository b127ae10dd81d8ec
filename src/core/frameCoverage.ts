/**
 * How many positions of `0 … size-1` at least one interval covers, kept under adding and
 * removing intervals in O(log size) each: a segment tree whose node holds how many intervals
 * cover it whole and how many of its positions are covered (the "length of a union of
 * segments" tree). Progress of a frame set ("frames labelled") is this number, so tagging a run
 * of 5,000 frames as one range record costs one update, not 5,000. An interval may only be
 * removed as it was added (the store adds a record's span and removes the same span).
 *
 * The nodes live wherever `CoverageNodes` keeps them: typed arrays for an open document, or the
 * rows of the server's `label_coverage` table, of which one edit loads only the nodes
 * `nodesTouched` names (O(log size) per interval).
 */

/** Storage of a coverage tree's nodes (1 is the root; node n's children are 2n and 2n + 1). */
export interface CoverageNodes {
  /** How many intervals cover the node's whole span (0 for a node never written). */
  cover(node: number): number;
  /** How many positions of the node's span some interval covers (0 for a node never written). */
  covered(node: number): number;
  set(node: number, cover: number, covered: number): void;
}

/** Nodes in typed arrays, 4 · size of each: an open document's tree. */
class ArrayNodes implements CoverageNodes {
  private readonly covers: Int32Array;
  private readonly counts: Int32Array;

  constructor(size: number) {
    const nodes = 4 * Math.max(1, size);
    this.covers = new Int32Array(nodes);
    this.counts = new Int32Array(nodes);
  }

  cover(node: number): number {
    return this.covers[node] ?? 0;
  }

  covered(node: number): number {
    return this.counts[node] ?? 0;
  }

  set(node: number, cover: number, covered: number): void {
    this.covers[node] = cover;
    this.counts[node] = covered;
  }
}

/** The root: its `covered` is the total. */
export const COVERAGE_ROOT = 1;

export class FrameCoverage {
  constructor(
    readonly size: number,
    private readonly nodes: CoverageNodes = new ArrayNodes(size),
  ) {}

  /** Positions covered by at least one interval. */
  get total(): number {
    return this.nodes.covered(COVERAGE_ROOT);
  }

  /** Adds (`by` = 1) or removes (`by` = -1) the interval `first … last` (inclusive). */
  change(first: number, last: number, by: 1 | -1): void {
    const span = this.clamp(first, last);
    if (span) this.update(COVERAGE_ROOT, 0, this.size - 1, span.first, span.last, by);
  }

  /** Whether some interval covers `position`; O(log size). */
  covers(position: number): boolean {
    if (position < 0 || position >= this.size) return false;
    let node = COVERAGE_ROOT;
    let low = 0;
    let high = this.size - 1;
    for (;;) {
      if (this.nodes.cover(node) > 0) return true;
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

  /** Every node `change(first, last, …)` reads or writes: what a store must load before it. */
  nodesTouched(first: number, last: number): number[] {
    const span = this.clamp(first, last);
    const out: number[] = [COVERAGE_ROOT];
    if (span) this.walk(COVERAGE_ROOT, 0, this.size - 1, span.first, span.last, out);
    return out;
  }

  private clamp(first: number, last: number): { first: number; last: number } | undefined {
    if (first > last || last < 0 || first >= this.size) return undefined;
    return { first: Math.max(0, first), last: Math.min(this.size - 1, last) };
  }

  /** The same descent as `update`, naming each node met and the children its count is read from. */
  private walk(node: number, low: number, high: number, first: number, last: number, out: number[]): void {
    if (last < low || high < first) return;
    out.push(node);
    if (low === high) return;
    out.push(2 * node, 2 * node + 1);
    if (first <= low && high <= last) return;
    const mid = (low + high) >> 1;
    this.walk(2 * node, low, mid, first, last, out);
    this.walk(2 * node + 1, mid + 1, high, first, last, out);
  }

  private update(node: number, low: number, high: number, first: number, last: number, by: number): void {
    if (last < low || high < first) return;
    let cover = this.nodes.cover(node);
    if (first <= low && high <= last) cover += by;
    else {
      const mid = (low + high) >> 1;
      this.update(2 * node, low, mid, first, last, by);
      this.update(2 * node + 1, mid + 1, high, first, last, by);
    }
    let covered = 0;
    if (cover > 0) covered = high - low + 1;
    else if (low !== high) covered = this.nodes.covered(2 * node) + this.nodes.covered(2 * node + 1);
    this.nodes.set(node, cover, covered);
  }
}
