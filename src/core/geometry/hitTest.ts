import type { Geometry, Point, PolygonRings, Ring } from '../annotation';
import type { Box } from '../bounds';
import { packedRingOf, type PackedRing } from '../packedRings';
import { ellipseRing } from './rings';

/** Distance from `p` to the segment a–b (image px). */
export function distanceToSegment(p: Point, a: Point, b: Point): number {
  return segmentDistance(p[0], p[1], a[0], a[1], b[0], b[1]);
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / length2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Distance from `p` to the nearest edge of a path (closed: the last vertex joins the first). */
export function distanceToPath(p: Point, points: readonly Point[], closed: boolean): number {
  if (points.length === 1) return Math.hypot(p[0] - points[0]![0], p[1] - points[0]![1]);
  let best = Infinity;
  for (let i = 1; i < points.length; i += 1) best = Math.min(best, distanceToSegment(p, points[i - 1]!, points[i]!));
  if (closed && points.length > 2) best = Math.min(best, distanceToSegment(p, points[points.length - 1]!, points[0]!));
  return best;
}

/** Even–odd crossing test; a point exactly on an edge may fall either way (hit tests add a tolerance). */
export function pointInRing(p: Point, ring: Ring): boolean {
  const [x, y] = p;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and in none of its holes. */
export function pointInPolygon(p: Point, polygon: PolygonRings): boolean {
  return pointInRing(p, polygon.points) && !(polygon.holes ?? []).some((hole) => pointInRing(p, hole));
}

function distanceToPolygonOutline(p: Point, polygon: PolygonRings): number {
  return Math.min(distanceToPath(p, polygon.points, true), ...(polygon.holes ?? []).map((hole) => distanceToPath(p, hole, true)));
}

/** `pointInRing` over a packed ring's coordinates, read in place. */
function pointInPackedRing(p: Point, { coords, from, to }: PackedRing): boolean {
  const [x, y] = p;
  let inside = false;
  for (let i = from, j = to - 1; i < to; j = i, i += 1) {
    const xi = coords[2 * i]!;
    const yi = coords[2 * i + 1]!;
    const xj = coords[2 * j]!;
    const yj = coords[2 * j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** `distanceToPath` (closed) over a packed ring's coordinates. */
function distanceToPackedRing(p: Point, { coords, from, to }: PackedRing): number {
  let best = Infinity;
  for (let i = from, j = to - 1; i < to; j = i, i += 1) {
    best = Math.min(best, segmentDistance(p[0], p[1], coords[2 * j]!, coords[2 * j + 1]!, coords[2 * i]!, coords[2 * i + 1]!));
  }
  return best;
}

function insideEllipse(p: Point, g: Extract<Geometry, { type: 'ellipse' }>): boolean {
  const [rx, ry] = g.radii;
  if (rx === 0 || ry === 0) return false;
  const dx = p[0] - g.center[0];
  const dy = p[1] - g.center[1];
  const cos = Math.cos(g.rotation);
  const sin = Math.sin(g.rotation);
  // Into the ellipse's own axes (rotation is clockwise on screen, y down).
  const u = dx * cos + dy * sin;
  const v = -dx * sin + dy * cos;
  return (u / rx) ** 2 + (v / ry) ** 2 <= 1;
}

/**
 * Whether `p` hits the geometry: inside an area (not in a hole), or within `tolerance` image px
 * of its outline, line or point. Exact for polygons; an ellipse's outline is measured on a
 * 128-gon (off by under 0.03 % of its radius).
 */
export function hitsGeometry(geometry: Geometry, p: Point, tolerance: number): boolean {
  switch (geometry.type) {
    case 'point':
      return Math.hypot(p[0] - geometry.point[0], p[1] - geometry.point[1]) <= tolerance;
    case 'polyline':
      return distanceToPath(p, geometry.points, false) <= tolerance;
    case 'polygon': {
      const packed = packedRingOf(geometry);
      if (packed) return pointInPackedRing(p, packed) || distanceToPackedRing(p, packed) <= tolerance;
      return pointInPolygon(p, geometry) || distanceToPolygonOutline(p, geometry) <= tolerance;
    }
    case 'multiPolygon':
      return geometry.polygons.some((polygon) => pointInPolygon(p, polygon) || distanceToPolygonOutline(p, polygon) <= tolerance);
    case 'rectangle': {
      const [x0, y0] = geometry.topLeft;
      const [x1, y1] = geometry.bottomRight;
      return p[0] >= x0 - tolerance && p[0] <= x1 + tolerance && p[1] >= y0 - tolerance && p[1] <= y1 + tolerance;
    }
    case 'ellipse':
      return insideEllipse(p, geometry) || distanceToPath(p, ellipseRing(geometry, 128), true) <= tolerance;
  }
}

/** Whether `inner` lies wholly inside `outer` (edges included). */
export function boxContains(outer: Box, inner: Box): boolean {
  return inner.minX >= outer.minX && inner.maxX <= outer.maxX && inner.minY >= outer.minY && inner.maxY <= outer.maxY;
}

/** The box spanned by two corners in any order. */
export function boxFromCorners(a: Point, b: Point): Box {
  return { minX: Math.min(a[0], b[0]), minY: Math.min(a[1], b[1]), maxX: Math.max(a[0], b[0]), maxY: Math.max(a[1], b[1]) };
}

/** `box` grown by `margin` on every side. */
export function grownBox(box: Box, margin: number): Box {
  return { minX: box.minX - margin, minY: box.minY - margin, maxX: box.maxX + margin, maxY: box.maxY + margin };
}
