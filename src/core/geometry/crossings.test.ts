import { describe, expect, it } from 'vitest';
import type { Point, PolygonRings } from '../annotation';
import { subtractPolygons, unionPolygons } from './clipping';
import { geometryFault, outlineFault } from './crossings';
import { circleRing } from './rings';

const square = (x0: number, y0: number, x1: number, y1: number): Point[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

describe('outline faults', () => {
  it('finds none in simple rings, holes inside their outline, and parts apart or touching at a point', () => {
    expect(outlineFault([{ points: square(0, 0, 10, 10) }])).toBeNull();
    expect(outlineFault([{ points: circleRing([50, 50], 40, 256) }])).toBeNull();
    expect(outlineFault([{ points: square(0, 0, 10, 10), holes: [square(2, 2, 4, 4), square(6, 6, 8, 8)] }])).toBeNull();
    // A hole touching its outline at one vertex, as a boolean difference leaves it: valid (OGC).
    expect(outlineFault([{ points: square(0, 0, 10, 10), holes: [[[0, 5], [5, 8], [5, 2]]] }])).toBeNull();
    expect(outlineFault([{ points: square(0, 0, 5, 5) }, { points: square(5, 5, 10, 10) }])).toBeNull();
    // Vertices at 0.01 px: collinear within rounding counts as touching, not crossing.
    expect(outlineFault([{ points: square(0.1, 0.1, 10.3, 10.7), holes: [[[0.1, 5.37], [5.01, 8.33], [5.01, 2.09]]] }])).toBeNull();
  });

  it('finds a ring that crosses itself: a figure eight, a loop at the closing point, an edge folding back', () => {
    expect(outlineFault([{ points: [[0, 0], [10, 10], [10, 0], [0, 10]] }])).toEqual({ kind: 'ringCrossesItself', part: 0, ring: 0 });
    const loop: Point[] = [[0, 0], [20, 0], [20, 20], [0, 20], [2, -3], [3, -3]];
    expect(outlineFault([{ points: loop }])?.kind).toBe('ringCrossesItself');
    // A spike back along the previous edge encloses no area but is no valid ring either.
    expect(outlineFault([{ points: [[0, 0], [10, 0], [10, 10], [10, 5], [0, 10]] }])?.kind).toBe('ringCrossesItself');
    // A ring touching itself at a vertex (a pinched waist) is invalid too.
    expect(outlineFault([{ points: [[0, 0], [10, 0], [5, 5], [10, 10], [0, 10], [5, 5]] }])?.kind).toBe('ringCrossesItself');
  });

  it('names holes that cross or leave their outline, holes that cross each other, and parts that cross', () => {
    expect(outlineFault([{ points: square(0, 0, 10, 10), holes: [square(8, 2, 12, 4)] }])).toEqual({ kind: 'holeCrossesOutline', part: 0, ring: 1 });
    expect(outlineFault([{ points: square(0, 0, 10, 10), holes: [square(2, 2, 4, 4), square(20, 20, 22, 22)] }])).toEqual({ kind: 'holeCrossesOutline', part: 0, ring: 2 });
    expect(outlineFault([{ points: square(0, 0, 10, 10), holes: [square(2, 2, 5, 5), square(4, 4, 7, 7)] }])?.kind).toBe('holesCross');
    expect(outlineFault([{ points: square(0, 0, 10, 10) }, { points: square(5, 5, 15, 15) }])).toEqual({ kind: 'partsCross', part: 1, ring: 0 });
    // Edges overlapping along a line cross as much as edges meeting at an angle.
    expect(outlineFault([{ points: square(0, 0, 10, 10) }, { points: square(10, 2, 20, 8) }])?.kind).toBe('partsCross');
  });

  it('finds a ring passing through another at a vertex, and passes rings that only touch there', () => {
    // A diamond meeting the square's right side only at the square's vertices (10, 3) and (10, 7),
    // half inside and half outside: no edge crosses an edge.
    const squareWithVertices: Point[] = [[0, 0], [10, 0], [10, 3], [10, 7], [10, 10], [0, 10]];
    expect(outlineFault([{ points: squareWithVertices, holes: [[[5, 5], [10, 3], [15, 5], [10, 7]]] }])).toEqual({ kind: 'holeCrossesOutline', part: 0, ring: 1 });
    expect(outlineFault([{ points: squareWithVertices }, { points: [[15, 5], [10, 7], [5, 5], [10, 3]] }])?.kind).toBe('partsCross');
    const holeWithVertices: Point[] = [[2, 2], [10, 2], [10, 5], [10, 8], [2, 8]];
    expect(outlineFault([{ points: square(0, 0, 20, 20), holes: [holeWithVertices, [[7, 6.5], [10, 5], [13, 6.5], [10, 8]]] }])?.kind).toBe('holesCross');
    // Touching at a vertex and staying on its own side is valid: parts corner to corner, a hole at the outline's corner.
    expect(outlineFault([{ points: square(0, 0, 10, 10) }, { points: [[10, 10], [20, 12], [12, 20]] }])).toBeNull();
    expect(outlineFault([{ points: square(0, 0, 10, 10), holes: [[[0, 0], [5, 2], [2, 5]]] }])).toBeNull();
  });

  it('finds a hole inside another hole and a part inside another part; an island in a hole is valid', () => {
    expect(outlineFault([{ points: square(0, 0, 20, 20), holes: [square(2, 2, 18, 18), square(5, 5, 8, 8)] }])).toEqual({ kind: 'holesNested', part: 0, ring: 2 });
    expect(outlineFault([{ points: square(0, 0, 20, 20), holes: [square(5, 5, 8, 8), square(2, 2, 18, 18)] }])).toEqual({ kind: 'holesNested', part: 0, ring: 1 });
    expect(outlineFault([{ points: square(0, 0, 20, 20) }, { points: square(5, 5, 8, 8) }])).toEqual({ kind: 'partsNested', part: 1, ring: 0 });
    expect(outlineFault([{ points: square(5, 5, 8, 8) }, { points: square(0, 0, 20, 20) }])).toEqual({ kind: 'partsNested', part: 0, ring: 0 });
    // Inside the big part and touching its outline at a vertex: still inside.
    expect(outlineFault([{ points: square(0, 0, 20, 20) }, { points: [[0, 0], [8, 4], [4, 8]] }])?.kind).toBe('partsNested');
    // An island inside a hole, as a difference of rings leaves it; boxes nesting while the rings do not.
    expect(outlineFault([{ points: square(0, 0, 20, 20), holes: [square(4, 4, 16, 16)] }, { points: square(8, 8, 12, 12) }])).toBeNull();
    expect(outlineFault([{ points: [[0, 0], [20, 0], [0, 20]] }, { points: square(15, 15, 18, 18) }])).toBeNull();
    expect(outlineFault([{ points: square(0, 0, 20, 20), holes: [[[2, 2], [18, 2], [2, 18]], square(15, 15, 18, 18)] }])).toBeNull();
  });

  it('passes what union and difference produce', () => {
    const a: PolygonRings[] = [{ points: square(0, 0, 10, 10) }];
    const b: PolygonRings[] = [{ points: circleRing([10, 5], 4, 64) }];
    for (const result of [unionPolygons(a, b), subtractPolygons(a, b), subtractPolygons(a, [{ points: square(3, 3, 6, 6) }])]) {
      expect(result && geometryFault(result)).toBeNull();
    }
  });

  it('finds a crossing in a comb (the worst case of the sweep) and passes a 10,000-vertex circle', () => {
    const circle = circleRing([5000, 5000], 4000, 10_000).map(([x, y]): Point => [Math.round(x * 100) / 100, Math.round(y * 100) / 100]);
    expect(outlineFault([{ points: circle }])).toBeNull();
    const comb: Point[] = [];
    for (let i = 0; i < 1000; i += 1) comb.push([0, i * 2], [1000, i * 2 + 1]);
    // The closing edge runs back along x = 0 through every tooth's root.
    comb.push([0, 2000]);
    expect(outlineFault([{ points: comb }])?.kind).toBe('ringCrossesItself');
  });

  it('leaves other geometries alone', () => {
    expect(geometryFault({ type: 'polyline', points: [[0, 0], [10, 10], [10, 0], [0, 10]] })).toBeNull();
    expect(geometryFault({ type: 'rectangle', topLeft: [0, 0], bottomRight: [1, 1] })).toBeNull();
    expect(geometryFault({ type: 'polygon', points: [[0, 0], [10, 10], [10, 0], [0, 10]] })?.kind).toBe('ringCrossesItself');
  });
});
