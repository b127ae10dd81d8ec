import { describe, expect, it } from 'vitest';
import type { Geometry } from '../annotation';
import { clampMove, moveVertex, polygonVertices, translateGeometry } from './transform';

const holed: Geometry = { type: 'polygon', points: [[0, 0], [10, 0], [10, 10], [0, 10]], holes: [[[2, 2], [4, 2], [4, 4]]] };

describe('moving outlines and vertices', () => {
  it('translates every kind of geometry, rounding to 0.01 px', () => {
    expect(translateGeometry(holed, 0.111, 1)).toEqual({
      type: 'polygon',
      points: [[0.11, 1], [10.11, 1], [10.11, 11], [0.11, 11]],
      holes: [[[2.11, 3], [4.11, 3], [4.11, 5]]],
    });
    expect(translateGeometry({ type: 'ellipse', center: [5, 5], radii: [1, 2], rotation: 1 }, 1, 1)).toEqual({ type: 'ellipse', center: [6, 6], radii: [1, 2], rotation: 1 });
    expect(translateGeometry({ type: 'rectangle', topLeft: [0, 0], bottomRight: [1, 1] }, 1, 2)).toEqual({ type: 'rectangle', topLeft: [1, 2], bottomRight: [2, 3] });
    expect(translateGeometry({ type: 'point', point: [1, 1] }, -1, -1)).toEqual({ type: 'point', point: [0, 0] });
  });

  it('limits a move so the moved box stays inside the image', () => {
    const box = { minX: 10, minY: 10, maxX: 20, maxY: 30 };
    expect(clampMove(box, -50, 5, { width: 100, height: 100 })).toEqual([-10, 5]);
    expect(clampMove(box, 90, 90, { width: 100, height: 100 })).toEqual([80, 70]);
  });

  it('lists and moves vertices of outer rings and holes', () => {
    const vertices = polygonVertices(holed);
    expect(vertices).toHaveLength(7);
    expect(vertices[5]).toEqual({ ref: { part: 0, ring: 1, index: 1 }, point: [4, 2] });
    expect(moveVertex(holed, { part: 0, ring: 1, index: 1 }, [5, 2])).toEqual({ ...holed, holes: [[[2, 2], [5, 2], [4, 4]]] });
    expect(moveVertex(holed, { part: 0, ring: 0, index: 2 }, [12, 12])).toEqual({ ...holed, points: [[0, 0], [10, 0], [12, 12], [0, 10]] });
    expect(polygonVertices({ type: 'point', point: [1, 1] })).toEqual([]);
  });
});
