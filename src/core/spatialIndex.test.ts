import { describe, expect, it } from 'vitest';
import type { AnnotationRecord } from './annotation';
import { intersects, recordBounds } from './bounds';
import { SpatialIndex } from './spatialIndex';
import { shapeRecord } from './testing/records';

function square(id: string, targetId: string, x: number, y: number, size = 4): AnnotationRecord {
  return shapeRecord(id, targetId, { type: 'polygon', points: [[x, y], [x + size, y], [x + size, y + size], [x, y + size]] });
}

/** Deterministic pseudo-random numbers, so a failure reproduces. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
}

describe('SpatialIndex', () => {
  it('finds what meets a box, per target image', () => {
    const index = new SpatialIndex();
    index.load([square('a', 'slide', 0, 0), square('b', 'slide', 100, 100), square('c', 'other', 0, 0)]);
    expect(index.search('slide', { minX: 2, minY: 2, maxX: 3, maxY: 3 }).map((r) => r.id)).toEqual(['a']);
    expect(index.search('other', { minX: 0, minY: 0, maxX: 200, maxY: 200 }).map((r) => r.id)).toEqual(['c']);
    expect(index.search('nowhere', { minX: 0, minY: 0, maxX: 1, maxY: 1 })).toEqual([]);
  });

  it('follows inserts and removals, matching a brute-force scan', () => {
    const random = lcg(7);
    const index = new SpatialIndex();
    const live = new Map<string, AnnotationRecord>();
    const initial = Array.from({ length: 500 }, (_, i) => square(`r${i}`, 'slide', random() * 1000, random() * 1000, 1 + random() * 30));
    index.load(initial);
    for (const record of initial) live.set(record.id, record);
    for (let step = 0; step < 300; step += 1) {
      const id = `r${Math.floor(random() * 700)}`;
      const previous = live.get(id);
      if (previous) {
        index.remove(previous);
        live.delete(id);
      }
      if (random() < 0.6) {
        const next = square(id, 'slide', random() * 1000, random() * 1000, 1 + random() * 30);
        index.insert(next);
        live.set(id, next);
      }
    }
    for (let query = 0; query < 20; query += 1) {
      const x = random() * 1000;
      const y = random() * 1000;
      const box = { minX: x, minY: y, maxX: x + 120, maxY: y + 80 };
      const expected = [...live.values()].filter((r) => intersects(recordBounds(r)!, box)).map((r) => r.id).sort();
      expect(index.search('slide', box).map((r) => r.id).sort()).toEqual(expected);
    }
  });

  it('removes the record asked for, by id, even beside another of the same box', () => {
    const index = new SpatialIndex();
    index.load([square('a', 'slide', 10, 10), square('b', 'slide', 10, 10), square('c', 'slide', 500, 500)]);
    // A copy of the indexed record (as a diff's `before` read back may be) finds it.
    index.remove(structuredClone(square('b', 'slide', 10, 10)));
    index.remove(square('absent', 'slide', 10, 10));
    expect(index.search('slide', { minX: 0, minY: 0, maxX: 1000, maxY: 1000 }).map((r) => r.id).sort()).toEqual(['a', 'c']);
  });
});
