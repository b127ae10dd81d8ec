/**
 * Whether an area outline is a valid simple-features polygon (what QuPath, GDAL and Shapely read):
 * no ring crosses or touches itself, no hole crosses its outline or another hole, no part of a
 * multiPolygon crosses another, and each hole starts inside its outline.
 *
 * Cost: a sort-and-sweep over the edges' x-ranges, O(n log n + m) for n edges and m pairs of edges
 * whose x-ranges overlap. For the outlines annotators draw m stays near n; a comb of edges all
 * spanning the same x-range is the worst case, O(n²), bounded by `RECORD_LIMITS.maxVertices`
 * (10,000 vertices: at most 5·10^7 pair tests, about 3 s here, for a ring no hand draws; a traced
 * gland of a few hundred vertices takes well under a millisecond).
 *
 * Rings touching one another at a single point (a hole touching its outline at a vertex, as boolean
 * operations leave them) are valid, as in the OGC rules; a ring touching itself is not.
 * Not detected, as cheap as it would be to mistake: a hole inside another hole, a part inside another
 * part, and a ring that passes exactly through another's vertex to the other side without an edge
 * crossing an edge.
 */
import type { Geometry, Point, PolygonRings } from '../annotation';

export type OutlineFaultKind =
  /** Two edges of one ring cross or touch (a figure eight, a loop, an edge folding back). */
  | 'ringCrossesItself'
  /** A hole crosses the outline it is cut from, or lies outside it. */
  | 'holeCrossesOutline'
  /** Two holes of one part cross. */
  | 'holesCross'
  /** Two parts of a multiPolygon cross. */
  | 'partsCross';

/** The first fault found: its kind and the part and ring (0 = outline, then holes) it was found at. */
export interface OutlineFault {
  readonly kind: OutlineFaultKind;
  readonly part: number;
  readonly ring: number;
}

interface Edge {
  readonly part: number;
  readonly ring: number;
  /** Vertices in the ring; the edge runs from vertex `index` to the next (the last closes it). */
  readonly size: number;
  readonly index: number;
  readonly a: Point;
  readonly b: Point;
  readonly minX: number;
  readonly maxX: number;
}

/**
 * Orientation of c relative to a→b: 1, -1, or 0 when collinear within a relative 1e-9 (the
 * 0.01 px rounding of vertices must not turn a touch into a crossing).
 */
function orient(a: Point, b: Point, c: Point): number {
  const abx = b[0] - a[0];
  const aby = b[1] - a[1];
  const acx = c[0] - a[0];
  const acy = c[1] - a[1];
  const cross = abx * acy - aby * acx;
  const scale = Math.hypot(abx, aby) * Math.hypot(acx, acy);
  return Math.abs(cross) <= 1e-9 * scale ? 0 : Math.sign(cross);
}

/** Projections of two collinear segments onto their line overlap by more than a point. */
function overlapsAlong(p: Point, q: Point, r: Point, s: Point): boolean {
  const axis = Math.abs(q[0] - p[0]) >= Math.abs(q[1] - p[1]) ? 0 : 1;
  const lo = Math.max(Math.min(p[axis], q[axis]), Math.min(r[axis], s[axis]));
  const hi = Math.min(Math.max(p[axis], q[axis]), Math.max(r[axis], s[axis]));
  return hi > lo;
}

function within(p: Point, q: Point, c: Point): boolean {
  return Math.min(p[0], q[0]) <= c[0] && c[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= c[1] && c[1] <= Math.max(p[1], q[1]);
}

/** How two segments meet: not at all, at a single point, or crossing / overlapping. */
function meeting(p: Point, q: Point, r: Point, s: Point): 'apart' | 'touch' | 'cross' {
  const o1 = orient(p, q, r);
  const o2 = orient(p, q, s);
  const o3 = orient(r, s, p);
  const o4 = orient(r, s, q);
  if (o1 === 0 && o2 === 0) {
    if (!within(p, q, r) && !within(p, q, s) && !within(r, s, p) && !within(r, s, q)) return 'apart';
    return overlapsAlong(p, q, r, s) ? 'cross' : 'touch';
  }
  if (o1 * o2 < 0 && o3 * o4 < 0) return 'cross';
  const touches = (o1 === 0 && within(p, q, r)) || (o2 === 0 && within(p, q, s)) || (o3 === 0 && within(r, s, p)) || (o4 === 0 && within(r, s, q));
  return touches ? 'touch' : 'apart';
}

function adjacent(e: Edge, f: Edge): boolean {
  const gap = Math.abs(e.index - f.index);
  return gap === 1 || gap === e.size - 1;
}

/** The fault two edges make, if any. */
function pairFault(e: Edge, f: Edge): OutlineFault | null {
  if (e.part === f.part && e.ring === f.ring) {
    if (adjacent(e, f)) {
      // Neighbours share a vertex; they fault only when one folds back along the other.
      const [first, second] = (f.index - e.index + e.size) % e.size === 1 ? [e, f] : [f, e];
      const foldsBack = orient(first.a, first.b, second.b) === 0 && (first.b[0] - first.a[0]) * (second.b[0] - second.a[0]) + (first.b[1] - first.a[1]) * (second.b[1] - second.a[1]) < 0;
      return foldsBack ? { kind: 'ringCrossesItself', part: e.part, ring: e.ring } : null;
    }
    return meeting(e.a, e.b, f.a, f.b) === 'apart' ? null : { kind: 'ringCrossesItself', part: e.part, ring: e.ring };
  }
  if (meeting(e.a, e.b, f.a, f.b) !== 'cross') return null;
  if (e.part !== f.part) return { kind: 'partsCross', part: f.part, ring: f.ring };
  const hole = e.ring > 0 ? e : f;
  const kind = e.ring === 0 || f.ring === 0 ? 'holeCrossesOutline' : 'holesCross';
  return { kind, part: hole.part, ring: hole.ring };
}

function edgesOf(polygons: readonly PolygonRings[]): Edge[] {
  const edges: Edge[] = [];
  polygons.forEach((polygon, part) => {
    [polygon.points, ...(polygon.holes ?? [])].forEach((points, ring) => {
      for (let index = 0; index < points.length; index += 1) {
        const a = points[index]!;
        const b = points[(index + 1) % points.length]!;
        edges.push({ part, ring, size: points.length, index, a, b, minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]) });
      }
    });
  });
  return edges;
}

/** 1 inside, -1 outside, 0 on the ring (even-odd rule). */
function pointInRing(point: Point, ring: readonly Point[]): number {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const a = ring[j]!;
    const b = ring[i]!;
    if (orient(a, b, point) === 0 && within(a, b, point)) return 0;
    if (a[1] > point[1] !== b[1] > point[1] && point[0] < a[0] + ((point[1] - a[1]) * (b[0] - a[0])) / (b[1] - a[1])) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** A hole whose edges cross nothing lies wholly inside or wholly outside its outline: one vertex tells. */
function holeOutside(polygons: readonly PolygonRings[]): OutlineFault | null {
  for (const [part, polygon] of polygons.entries()) {
    for (const [h, hole] of (polygon.holes ?? []).entries()) {
      const side = hole.map((p) => pointInRing(p, polygon.points)).find((s) => s !== 0);
      if (side === -1) return { kind: 'holeCrossesOutline', part, ring: h + 1 };
    }
  }
  return null;
}

/** The first fault of an outline given as polygons, or null when it is valid. */
export function outlineFault(polygons: readonly PolygonRings[]): OutlineFault | null {
  const edges = edgesOf(polygons).sort((e, f) => e.minX - f.minX);
  let active: Edge[] = [];
  for (const edge of edges) {
    active = active.filter((other) => other.maxX >= edge.minX);
    const minY = Math.min(edge.a[1], edge.b[1]);
    const maxY = Math.max(edge.a[1], edge.b[1]);
    for (const other of active) {
      if (Math.max(other.a[1], other.b[1]) < minY || Math.min(other.a[1], other.b[1]) > maxY) continue;
      const fault = pairFault(other, edge);
      if (fault) return fault;
    }
    active.push(edge);
  }
  return holeOutside(polygons);
}

/** The fault of a polygon or multiPolygon; other geometries cannot cross themselves here (null). */
export function geometryFault(geometry: Geometry): OutlineFault | null {
  if (geometry.type === 'polygon') return outlineFault([geometry]);
  if (geometry.type === 'multiPolygon') return outlineFault(geometry.polygons);
  return null;
}
