import polygonClipping, { type MultiPolygon as ClipMultiPolygon, type Ring as ClipRing } from 'polygon-clipping';
import type { Geometry, Point, PolygonRings, Ring } from '../annotation';
import { ringArea } from './measure';
import { dedupeRing, roundPoint } from './round';

/**
 * Our outlines to and from `polygon-clipping` (a maintained library for robust union and
 * difference, holes and multi-part results included). Its rings repeat the first vertex at the
 * end; ours close implicitly.
 */
export function toClipping(polygons: readonly PolygonRings[]): ClipMultiPolygon {
  const ring = (points: Ring): ClipRing => points.map(([x, y]) => [x, y]);
  return polygons.map((polygon) => [ring(polygon.points), ...(polygon.holes ?? []).map(ring)]);
}

/** A usable ring: rounded to 0.01 px, no repeats, at least 3 vertices and some area; else null. */
function cleanRing(ring: readonly (readonly [number, number])[]): Point[] | null {
  const points = dedupeRing(ring.map((p) => roundPoint(p)));
  return points.length >= 3 && ringArea(points) > 0 ? points : null;
}

/**
 * A boolean result as our geometry: one part is a polygon, several a multiPolygon; parts and holes
 * that rounding leaves without area are dropped; nothing left is null.
 */
export function fromClipping(result: ClipMultiPolygon): Geometry | null {
  const polygons: PolygonRings[] = [];
  for (const [outer, ...holes] of result) {
    const points = outer ? cleanRing(outer) : null;
    if (!points) continue;
    const kept = holes.map(cleanRing).filter((hole): hole is Point[] => hole !== null);
    polygons.push(kept.length > 0 ? { points, holes: kept } : { points });
  }
  if (polygons.length === 0) return null;
  if (polygons.length === 1) return { type: 'polygon', ...polygons[0]! };
  return { type: 'multiPolygon', polygons };
}

export function unionPolygons(a: readonly PolygonRings[], b: readonly PolygonRings[]): Geometry | null {
  return fromClipping(polygonClipping.union(toClipping(a), toClipping(b)));
}

/**
 * An outline that crosses itself made valid by uniting it with itself (a figure eight becomes two
 * parts touching at a point, a loop at the closing point a part of its own), as QuPath repairs a
 * traced outline; null when nothing with an area is left.
 */
export function repairPolygons(polygons: readonly PolygonRings[]): Geometry | null {
  return fromClipping(polygonClipping.union(toClipping(polygons)));
}

/** `a` with `b` cut away: may split it into parts or leave a hole. */
export function subtractPolygons(a: readonly PolygonRings[], b: readonly PolygonRings[]): Geometry | null {
  return fromClipping(polygonClipping.difference(toClipping(a), toClipping(b)));
}

/** Where `a` and `b` overlap; null when they do not (or only along an edge or at a point). */
export function intersectPolygons(a: readonly PolygonRings[], b: readonly PolygonRings[]): Geometry | null {
  return fromClipping(polygonClipping.intersection(toClipping(a), toClipping(b)));
}

/**
 * Where an odd number of the rings lie: how DICOM RT contours of one structure on one slice are
 * read, an inner contour cutting a hole in an outer one.
 */
export function exclusiveOrPolygons(rings: readonly Ring[]): Geometry | null {
  const [first, ...rest] = rings.map((points) => toClipping([{ points }]));
  if (!first) return null;
  return fromClipping(polygonClipping.xor(first, ...rest));
}
