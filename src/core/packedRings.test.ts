import { describe, expect, it } from 'vitest';
import type { AnnotationRecord, Geometry, Point } from './annotation';
import { geometryBounds } from './bounds';
import { hitsGeometry } from './geometry/hitTest';
import { translateGeometry } from './geometry/transform';
import { jsonEqual } from './jsonEqual';
import { packedRingOf, packStoredRecords } from './packedRings';
import type { StoredRecord } from './records';
import { humanProvenance } from './testing/records';

function shape(id: string, geometry: Geometry): AnnotationRecord {
  return { type: 'shape', id, questionId: 'lesion', targetId: 'slide-1', classCode: 'lesion.other', geometry, provenance: humanProvenance('u1') };
}

const star: Point[] = Array.from({ length: 10 }, (_, k) => {
  const r = k % 2 === 0 ? 40 : 15;
  const a = (2 * Math.PI * k) / 10;
  return [Math.round((100 + r * Math.cos(a)) * 10) / 10, Math.round((200 + r * Math.sin(a)) * 10) / 10];
});

/** A page as the server sends it: outlines, an outline with a hole, a line, a label and a tombstone. */
const PAGE_TEXT = JSON.stringify({
  records: [
    { id: 'a', version: 1, schema: 1, record: shape('a', { type: 'polygon', points: star }) },
    { id: 'b', version: 2, schema: 1, record: shape('b', { type: 'polygon', points: [[0, 0], [10, 0], [10, 10], [0, 10]], holes: [[[2, 2], [4, 2], [4, 4]]] }) },
    { id: 'c', version: 1, schema: 1, record: shape('c', { type: 'polyline', points: [[1, 1], [5, 5]] }) },
    { id: 'd', version: 3, schema: 1, record: null },
    { id: 'e', version: 1, schema: 1, record: { type: 'label', id: 'e', questionId: 'q', targetId: 'slide-1', classCodes: ['x'], provenance: humanProvenance('u1') } },
    { id: 'f', version: 1, schema: 1, record: shape('f', { type: 'polygon', points: [[5, 5], [9, 5], [7, 1]] }) },
  ],
});

const parsed = (): StoredRecord[] => (JSON.parse(PAGE_TEXT) as { records: StoredRecord[] }).records;
const geometryOf = (stored: StoredRecord): Geometry => (stored.record as Extract<AnnotationRecord, { type: 'shape' }>).geometry;

describe('packStoredRecords', () => {
  it('packs only plain polygons, and the page serialises to exactly the JSON it came from', () => {
    const packed = packStoredRecords(parsed());
    expect(packed.map((stored) => stored.record?.type === 'shape' && packedRingOf(stored.record.geometry) !== null)).toEqual([true, false, false, false, false, true]);
    expect(JSON.stringify({ records: packed })).toBe(PAGE_TEXT);
    // Every outline of the page in one array.
    const a = packedRingOf(geometryOf(packed[0]!))!;
    const f = packedRingOf(geometryOf(packed[5]!))!;
    expect(a.coords).toBe(f.coords);
    expect([a.from, a.to, f.from, f.to]).toEqual([0, 10, 10, 13]);
  });

  it('reads as the plain geometry: points, structured clone, equality, bounds', () => {
    const plain = parsed();
    const packed = packStoredRecords(plain);
    const geometry = geometryOf(packed[0]!);
    expect(geometry.type === 'polygon' && geometry.points).toEqual(star);
    expect(structuredClone(packed[0])).toEqual(plain[0]);
    expect(packedRingOf(structuredClone(geometry))).toBeNull();
    expect(jsonEqual(packed, plain)).toBe(true);
    expect(geometryBounds(geometry)).toEqual(geometryBounds(geometryOf(plain[0]!)));
    expect(geometryBounds(geometry)).toEqual({ minX: 67.6, minY: 162, maxX: 140, maxY: 238 });
  });

  it('hits where the plain polygon hits, inside, on the outline and outside', () => {
    const packed = geometryOf(packStoredRecords(parsed())[0]!);
    const plain = geometryOf(parsed()[0]!);
    let hits = 0;
    for (let x = 50; x <= 150; x += 2.5) {
      for (let y = 150; y <= 250; y += 2.5) {
        const hit = hitsGeometry(packed, [x, y], 1.5);
        expect(hit).toBe(hitsGeometry(plain, [x, y], 1.5));
        if (hit) hits += 1;
      }
    }
    expect(hits).toBeGreaterThan(100);
    expect(hits).toBeLessThan(41 * 41);
  });

  it('is copied on write: an edit or a spread copy is a plain geometry, the packed one unchanged', () => {
    const geometry = geometryOf(packStoredRecords(parsed())[0]!);
    const moved = translateGeometry(geometry, 1, 0);
    expect(packedRingOf(moved)).toBeNull();
    expect(moved.type === 'polygon' && moved.points[0]).toEqual([star[0]![0] + 1, star[0]![1]]);
    const copy = { ...geometry, points: [[0, 0], [1, 0], [0, 1]] as Point[] };
    expect(packedRingOf(copy)).toBeNull();
    expect(geometryBounds(copy)).toEqual({ minX: 0, minY: 0, maxX: 1, maxY: 1 });
    expect(geometry.type === 'polygon' && geometry.points).toEqual(star);
  });
});
