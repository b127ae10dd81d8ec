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
 * operations leave them) are valid, as in the OGC rules; a ring touching itself is not. Where two
 * rings meet at a point, the order of their four edges around it tells a touch from a ring passing
 * through the other's vertex to the other side, which no pair of edges shows as crossing.
 *
 * Rings that cross nothing are nested or apart; one point of each tells which (after a sweep over
 * their bounding boxes): a hole inside another hole, or a part inside another part and outside its
 * holes, is refused. A part inside another's hole is an island, and valid.
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
  | 'partsCross'
  /** A hole lies inside another hole of the same part. */
  | 'holesNested'
  /** A part lies inside another part (and not in one of its holes). */
  | 'partsNested';

/** The first fault found: its kind and the part and ring (0 = outline, then holes) it was found at. */
export interface OutlineFault {
  readonly kind: OutlineFaultKind;
  readonly part: number;
  readonly ring: number;
}

interface Edge {
  readonly part: number;
  readonly ring: number;
  readonly points: readonly Point[];
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
  const meets = meeting(e.a, e.b, f.a, f.b);
  if (meets === 'apart' || (meets === 'touch' && !passesThrough(e, f))) return null;
  if (e.part !== f.part) return { kind: 'partsCross', part: f.part, ring: f.ring };
  const hole = e.ring > 0 ? e : f;
  const kind = e.ring === 0 || f.ring === 0 ? 'holeCrossesOutline' : 'holesCross';
  return { kind, part: hole.part, ring: hole.ring };
}

const samePoint = (p: Point, q: Point) => p[0] === q[0] && p[1] === q[1];

/** Where two touching edges meet: an end of one lying on the other. */
function touchPoint(e: Edge, f: Edge): Point {
  for (const [point, other] of [[e.a, f], [e.b, f], [f.a, e], [f.b, e]] as const) {
    if (orient(other.a, other.b, point) === 0 && within(other.a, other.b, point)) return point;
  }
  return e.a;
}

/** The two points a ring runs to from `at` on its edge `e`: its neighbours when `at` is a vertex. */
function ringDirections(e: Edge, at: Point): readonly [Point, Point] {
  const vertex = (i: number) => e.points[(i + e.size) % e.size]!;
  if (samePoint(at, e.a)) return [vertex(e.index - 1), e.b];
  if (samePoint(at, e.b)) return [e.a, vertex(e.index + 2)];
  return [e.a, e.b];
}

/** Angle of q seen from p, in [0, 2π). */
function angleFrom(p: Point, q: Point): number {
  const angle = Math.atan2(q[1] - p[1], q[0] - p[0]);
  return angle < 0 ? angle + 2 * Math.PI : angle;
}

/**
 * Two rings meeting at a point cross there when one ring's two directions out of the point lie on
 * both sides of the other's (their angles interleave); a shared direction is an overlap along an
 * edge, which `meeting` reports by itself.
 */
function passesThrough(e: Edge, f: Edge): boolean {
  const at = touchPoint(e, f);
  const [a1, a2] = ringDirections(e, at).map((q) => angleFrom(at, q)) as [number, number];
  const [b1, b2] = ringDirections(f, at).map((q) => angleFrom(at, q)) as [number, number];
  if (b1 === a1 || b1 === a2 || b2 === a1 || b2 === a2) return false;
  const inArc = (angle: number) => ((angle - a1 + 2 * Math.PI) % (2 * Math.PI)) < ((a2 - a1 + 2 * Math.PI) % (2 * Math.PI));
  return inArc(b1) !== inArc(b2);
}

function edgesOf(polygons: readonly PolygonRings[]): Edge[] {
  const edges: Edge[] = [];
  polygons.forEach((polygon, part) => {
    [polygon.points, ...(polygon.holes ?? [])].forEach((points, ring) => {
      for (let index = 0; index < points.length; index += 1) {
        const a = points[index]!;
        const b = points[(index + 1) % points.length]!;
        edges.push({ part, ring, points, size: points.length, index, a, b, minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]) });
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

/**
 * Which side of `ring` another ring lies on, when the two cross nothing: its first vertex off the
 * ring tells, else the middle of its first edge off it; 0 when it runs along the ring all the way.
 */
function sideOf(other: readonly Point[], ring: readonly Point[]): number {
  for (const point of other) {
    const side = pointInRing(point, ring);
    if (side !== 0) return side;
  }
  for (let i = 0; i < other.length; i += 1) {
    const a = other[i]!;
    const b = other[(i + 1) % other.length]!;
    const side = pointInRing([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], ring);
    if (side !== 0) return side;
  }
  return 0;
}

interface Box {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

function boxOf(ring: readonly Point[]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { minX, minY, maxX, maxY };
}

const boxWithin = (inner: Box, outer: Box) => inner.minX >= outer.minX && inner.maxX <= outer.maxX && inner.minY >= outer.minY && inner.maxY <= outer.maxY;

/**
 * Pairs (outer, inner) of rings whose boxes nest, found by a sweep over the boxes' x-ranges: only
 * those can lie one inside the other.
 */
function nestedBoxPairs(rings: readonly (readonly Point[])[]): [number, number][] {
  const boxes = rings.map(boxOf);
  const order = boxes.map((_, i) => i).sort((i, j) => boxes[i]!.minX - boxes[j]!.minX);
  const pairs: [number, number][] = [];
  let active: number[] = [];
  for (const i of order) {
    const box = boxes[i]!;
    active = active.filter((j) => boxes[j]!.maxX >= box.minX);
    for (const j of active) {
      if (boxWithin(box, boxes[j]!)) pairs.push([j, i]);
      else if (boxWithin(boxes[j]!, box)) pairs.push([i, j]);
    }
    active.push(i);
  }
  return pairs;
}

/**
 * With no crossings left, rings are nested or apart. Each hole must lie inside its outline and
 * outside the part's other holes; a part must lie outside every other part, or inside one of its holes.
 */
function nestingFault(polygons: readonly PolygonRings[]): OutlineFault | null {
  for (const [part, polygon] of polygons.entries()) {
    const holes = polygon.holes ?? [];
    for (const [h, hole] of holes.entries()) {
      if (sideOf(hole, polygon.points) === -1) return { kind: 'holeCrossesOutline', part, ring: h + 1 };
    }
    for (const [outer, inner] of nestedBoxPairs(holes)) {
      if (sideOf(holes[inner]!, holes[outer]!) !== -1) return { kind: 'holesNested', part, ring: inner + 1 };
    }
  }
  for (const [outer, inner] of nestedBoxPairs(polygons.map((polygon) => polygon.points))) {
    const island = polygons[inner]!.points;
    if (sideOf(island, polygons[outer]!.points) === -1) continue;
    const inHole = (polygons[outer]!.holes ?? []).some((hole) => sideOf(island, hole) === 1);
    if (!inHole) return { kind: 'partsNested', part: inner, ring: 0 };
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
  return nestingFault(polygons);
}

/** The fault of a polygon or multiPolygon; other geometries cannot cross themselves here (null). */
export function geometryFault(geometry: Geometry): OutlineFault | null {
  if (geometry.type === 'polygon') return outlineFault([geometry]);
  if (geometry.type === 'multiPolygon') return outlineFault(geometry.polygons);
  return null;
}
