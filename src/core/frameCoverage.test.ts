import { describe, expect, it } from 'vitest';
import { FrameCoverage, type CoverageNodes } from './frameCoverage';
import { mulberry32 } from './random';

describe('FrameCoverage', () => {
  it('counts positions covered by overlapping intervals once, and forgets an interval removed as added', () => {
    const coverage = new FrameCoverage(10);
    coverage.change(2, 5, 1);
    coverage.change(4, 8, 1);
    expect(coverage.total).toBe(7);
    coverage.change(2, 5, -1);
    expect(coverage.total).toBe(5);
    expect([3, 4, 8, 9].map((p) => coverage.covers(p))).toEqual([false, true, true, false]);
  });

  it('matches a count per position through random adds and removes', () => {
    const random = mulberry32(3);
    const size = 37;
    const coverage = new FrameCoverage(size);
    const counts = new Array<number>(size).fill(0);
    const live: [number, number][] = [];
    for (let step = 0; step < 500; step += 1) {
      if (live.length > 0 && random() < 0.45) {
        const [first, last] = live.splice(Math.floor(random() * live.length), 1)[0]!;
        coverage.change(first, last, -1);
        for (let p = first; p <= last; p += 1) counts[p]! -= 1;
      } else {
        const first = Math.floor(random() * size);
        const last = Math.min(size - 1, first + Math.floor(random() * 9));
        live.push([first, last]);
        coverage.change(first, last, 1);
        for (let p = first; p <= last; p += 1) counts[p]! += 1;
      }
      expect(coverage.total).toBe(counts.filter((c) => c > 0).length);
      for (let p = 0; p < size; p += 1) expect(coverage.covers(p)).toBe(counts[p]! > 0);
    }
  });

  it('needs only the nodes nodesTouched names, so a store can load just those for one change', () => {
    /** Nodes loaded for one change; reading any other is the bug this test is for. */
    class LoadedNodes implements CoverageNodes {
      readonly rows = new Map<number, [number, number]>();
      loaded = new Set<number>();
      private read(node: number): [number, number] {
        if (!this.loaded.has(node)) throw new Error(`node ${node} was not loaded`);
        return this.rows.get(node) ?? [0, 0];
      }
      cover = (node: number) => this.read(node)[0];
      covered = (node: number) => this.read(node)[1];
      set(node: number, cover: number, covered: number): void {
        this.read(node);
        if (cover === 0 && covered === 0) this.rows.delete(node);
        else this.rows.set(node, [cover, covered]);
      }
    }
    const random = mulberry32(11);
    const size = 1000;
    const nodes = new LoadedNodes();
    const stored = new FrameCoverage(size, nodes);
    const reference = new FrameCoverage(size);
    const live: [number, number][] = [];
    for (let step = 0; step < 400; step += 1) {
      const removing = live.length > 0 && random() < 0.45;
      const first = Math.floor(random() * size);
      const [from, to] = removing ? live.splice(Math.floor(random() * live.length), 1)[0]! : [first, Math.min(size - 1, first + Math.floor(random() * 300))];
      if (!removing) live.push([from, to]);
      nodes.loaded = new Set(stored.nodesTouched(from, to));
      expect(nodes.loaded.size).toBeLessThan(8 * Math.log2(size) + 4);
      stored.change(from, to, removing ? -1 : 1);
      reference.change(from, to, removing ? -1 : 1);
      expect(stored.total).toBe(reference.total);
    }
  });
});
