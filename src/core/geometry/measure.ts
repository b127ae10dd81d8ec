import type { Geometry, Point, PolygonRings, Ring } from '../annotation';

/** Signed area of a closed ring by the shoelace formula: positive when clockwise on screen (y down). */
export function signedRingArea(ring: Ring): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    twice += xj * yi - xi * yj;
  }
  return twice / 2;
}

export function ringArea(ring: Ring): number {
  return Math.abs(signedRingArea(ring));
}

function pathLength(points: readonly Point[], closed: boolean): number {
  let length = 0;
  for (let i = 1; i < points.length; i += 1) length += Math.hypot(points[i]![0] - points[i - 1]![0], points[i]![1] - points[i - 1]![1]);
  if (closed && points.length > 2) length += Math.hypot(points[0]![0] - points[points.length - 1]![0], points[0]![1] - points[points.length - 1]![1]);
  return length;
}

function polygonArea(polygon: PolygonRings): number {
  return ringArea(polygon.points) - (polygon.holes ?? []).reduce((sum, hole) => sum + ringArea(hole), 0);
}

function polygonPerimeter(polygon: PolygonRings): number {
  return [polygon.points, ...(polygon.holes ?? [])].reduce((sum, ring) => sum + pathLength(ring, true), 0);
}

/** Ramanujan's second approximation: within 0.01 % even for a 10:1 ellipse. */
function ellipsePerimeter(a: number, b: number): number {
  if (a + b === 0) return 0;
  const h = ((a - b) / (a + b)) ** 2;
  return Math.PI * (a + b) * (1 + (3 * h) / (10 + Math.sqrt(4 - 3 * h)));
}

/** Area in image px² (holes cut out); 0 for points and lines. Times (µm/px)² gives µm². */
export function geometryArea(geometry: Geometry): number {
  switch (geometry.type) {
    case 'point':
    case 'polyline':
      return 0;
    case 'polygon':
      return polygonArea(geometry);
    case 'multiPolygon':
      return geometry.polygons.reduce((sum, polygon) => sum + polygonArea(polygon), 0);
    case 'rectangle':
      return (geometry.bottomRight[0] - geometry.topLeft[0]) * (geometry.bottomRight[1] - geometry.topLeft[1]);
    case 'ellipse':
      return Math.PI * geometry.radii[0] * geometry.radii[1];
  }
}

/** Length of the outline in image px (holes' outlines included; a line's length). */
export function geometryPerimeter(geometry: Geometry): number {
  switch (geometry.type) {
    case 'point':
      return 0;
    case 'polyline':
      return pathLength(geometry.points, false);
    case 'polygon':
      return polygonPerimeter(geometry);
    case 'multiPolygon':
      return geometry.polygons.reduce((sum, polygon) => sum + polygonPerimeter(polygon), 0);
    case 'rectangle':
      return 2 * (geometry.bottomRight[0] - geometry.topLeft[0] + geometry.bottomRight[1] - geometry.topLeft[1]);
    case 'ellipse':
      return ellipsePerimeter(geometry.radii[0], geometry.radii[1]);
  }
}
