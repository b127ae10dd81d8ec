import { describe, expect, it } from 'vitest';
import type { Box } from '../../../core/bounds';
import type { PackedPolygons } from '../../../core/outlineLayer';
import { PackedLayerIndex } from './packedLayerIndex';

/** `count` hexagons of radius 3–40 px scattered over 10,000 × 8,000 px, deterministically. */
function layer(count: number): PackedPolygons {
  let seed = 7;
  const random = () => (seed = (seed * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
  const coords = new Float32Array(count * 12);
  const starts = new Uint32Array(count + 1);
  const classIndex = new Uint8Array(count);
  for (let i = 0; i < count; i += 1) {
    const cx = random() * 10_000;
    const cy = random() * 8_000;
    const r = 3 + random() * 37;
    for (let k = 0; k < 6; k += 1) {
      coords[i * 12 + 2 * k] = cx + r * Math.cos((k * Math.PI) / 3);
      coords[i * 12 + 2 * k + 1] = cy + r * Math.sin((k * Math.PI) / 3);
    }
    starts[i + 1] = (i + 1) * 6;
    classIndex[i] = i % 2;
  }
  return { coords, starts, classIndex, classes: [{ code: 'nucleus', color: '#3f51b5' }, { code: 'atypical', color: '#e91e63' }] };
}

describe('PackedLayerIndex', () => {
  const polygons = layer(20_000);
  const index = new PackedLayerIndex(polygons, { width: 10_000, height: 8_000 });

  it.each<[string, Box]>([
    ['a small window', { minX: 4_000, minY: 3_000, maxX: 4_300, maxY: 3_200 }],
    ['a window over the edge', { minX: -100, minY: 7_900, maxX: 600, maxY: 9_000 }],
    ['the whole slide', { minX: 0, minY: 0, maxX: 10_000, maxY: 8_000 }],
  ])('finds exactly the polygons whose box meets %s', (_, box) => {
    const found: number[] = [];
    index.search(box, (i) => found.push(i));
    const expected: number[] = [];
    for (let i = 0; i < index.count; i += 1) {
      const b = index.boxes.subarray(i * 4, i * 4 + 4);
      if (b[0]! <= box.maxX && b[2]! >= box.minX && b[1]! <= box.maxY && b[3]! >= box.minY) expected.push(i);
    }
    expect(found.sort((x, y) => x - y)).toEqual(expected);
  });

  it('counts every polygon in its density grid, by class', () => {
    expect(index.grid.total).toBe(20_000);
    const perClass = [0, 0];
    for (let slot = 0; slot < index.grid.counts.length; slot += 1) perClass[slot % 2]! += index.grid.counts[slot]!;
    expect(perClass).toEqual([10_000, 10_000]);
  });
});
