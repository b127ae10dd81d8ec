import { describe, expect, it } from 'vitest';
import type { Geometry, Point } from '../annotation';
import { outlineChange } from './outlineChange';
import { translateGeometry } from './transform';

const square = (x: number, y: number, size: number): Point[] => [[x, y], [x + size, y], [x + size, y + size], [x, y + size]];
const polygon = (points: Point[], holes?: Point[][]): Geometry => (holes ? { type: 'polygon', points, holes } : { type: 'polygon', points });

describe('outlineChange', () => {
  it('tells the same outline, a move as a whole, and a reshape with its vertex count', () => {
    const a = polygon(square(100, 100, 50), [square(110, 110, 10)]);
    expect(outlineChange(a, structuredClone(a))).toEqual({ kind: 'same' });
    expect(outlineChange(a, translateGeometry(a, 24.05, -3))).toEqual({ kind: 'moved', dx: 24.05, dy: -3 });
    const reshaped = polygon([[100, 100], [150, 100], [170, 160], [95, 150]], [square(110, 110, 10)]);
    expect(outlineChange(a, reshaped)).toEqual({ kind: 'reshaped', vertices: 2 });
  });

  it('counts vertices added and removed when the rings differ, and a change of kind as a reshape', () => {
    const a = polygon(square(0, 0, 10));
    const more = polygon([[0, 0], [5, -2], [10, 0], [10, 10], [0, 10]]);
    expect(outlineChange(a, more)).toEqual({ kind: 'reshaped', vertices: 1 });
    expect(outlineChange(more, a)).toEqual({ kind: 'reshaped', vertices: 1 });
    expect(outlineChange(a, { type: 'rectangle', topLeft: [0, 0], bottomRight: [10, 10] })).toEqual({ kind: 'reshaped', vertices: 2 });
  });

  it('moves points, rectangles and ellipses; a new radius is a reshape', () => {
    expect(outlineChange({ type: 'point', point: [1, 1] }, { type: 'point', point: [4, 5] })).toEqual({ kind: 'moved', dx: 3, dy: 4 });
    const e: Geometry = { type: 'ellipse', center: [50, 50], radii: [10, 5], rotation: 0 };
    expect(outlineChange(e, { ...e, center: [60, 50] })).toEqual({ kind: 'moved', dx: 10, dy: 0 });
    expect(outlineChange(e, { ...e, radii: [12, 5] }).kind).toBe('reshaped');
  });
});
