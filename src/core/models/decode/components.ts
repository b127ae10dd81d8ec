/**
 * Connected components of a binary mask, with each component's pixel count and bounds. Two passes
 * with union–find over a label image: O(pixels), no recursion. 8-connected (pixels touching at a
 * corner belong together, as scikit-image and QuPath count nuclei) or 4-connected (pixels touching
 * only at a corner are apart: the rule `maskRings` traces outlines by, so each component has exactly
 * one outer ring).
 */

export type Connectivity = 4 | 8;

export interface ComponentStats {
  /** Pixels in the component. */
  readonly area: number;
  /** Bounds in px, inclusive of the first and exclusive of the last pixel edge. */
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

export interface Components {
  /** Per pixel, row-major: 0 for background, else the component's number (1…count). */
  readonly labels: Int32Array;
  readonly count: number;
  /** `stats[k − 1]` describes component k. */
  readonly stats: readonly ComponentStats[];
}

/** `mask[i] !== 0` is foreground. */
export function labelComponents(mask: Uint8Array, width: number, height: number, connectivity: Connectivity): Components {
  if (mask.length !== width * height) throw new RangeError(`mask holds ${mask.length} pixels, not ${width} × ${height}`);
  const labels = new Int32Array(width * height);
  const sets = new DisjointSets();
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = y * width + x;
      if (mask[i] === 0) continue;
      if (connectivity === 4) {
        const up = y > 0 ? labels[i - width]! : 0;
        const left = x > 0 ? labels[i - 1]! : 0;
        if (up !== 0 && left !== 0 && up !== left) sets.join(up, left);
        labels[i] = up || left || sets.add();
        continue;
      }
      // Labelled neighbours: the three above and the left one. The one straight above touches the
      // other three, so it alone decides; otherwise up-right may need joining with the left side.
      const up = y > 0 ? labels[i - width]! : 0;
      const upLeft = y > 0 && x > 0 ? labels[i - width - 1]! : 0;
      const upRight = y > 0 && x < width - 1 ? labels[i - width + 1]! : 0;
      const left = x > 0 ? labels[i - 1]! : 0;
      let label = up;
      if (label === 0 && upRight !== 0) {
        label = upRight;
        if (left !== 0) sets.join(label, left);
        else if (upLeft !== 0) sets.join(label, upLeft);
      }
      if (label === 0) label = upLeft || left || sets.add();
      labels[i] = label;
    }
  }
  // Provisional labels → consecutive component numbers in raster order, with their statistics.
  const number = sets.numbering();
  const stats: { area: number; minX: number; minY: number; maxX: number; maxY: number }[] = [];
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = y * width + x;
      if (labels[i] === 0) continue;
      const k = number(labels[i]!);
      labels[i] = k;
      const s = stats[k - 1];
      if (!s) {
        stats.push({ area: 1, minX: x, minY: y, maxX: x + 1, maxY: y + 1 });
        continue;
      }
      s.area += 1;
      if (x < s.minX) s.minX = x;
      if (x + 1 > s.maxX) s.maxX = x + 1;
      s.maxY = y + 1;
    }
  }
  return { labels, count: stats.length, stats };
}

/** Union–find over provisional labels 1, 2, …, with path halving. */
class DisjointSets {
  private parent = new Int32Array(256);
  private size = 1;

  add(): number {
    if (this.size === this.parent.length) {
      const grown = new Int32Array(this.parent.length * 2);
      grown.set(this.parent);
      this.parent = grown;
    }
    this.parent[this.size] = this.size;
    return this.size++;
  }

  find(a: number): number {
    const parent = this.parent;
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  }

  join(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }

  /**
   * Numbers the sets 1, 2, … in the order their first label is met (labels are met in increasing
   * order along a raster scan's first appearances, so this is raster order of each set's first pixel).
   */
  numbering(): (label: number) => number {
    const number = new Int32Array(this.size);
    let count = 0;
    return (label) => {
      const root = this.find(label);
      if (number[root] === 0) number[root] = ++count;
      return number[root]!;
    };
  }
}
