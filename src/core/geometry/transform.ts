import type { Geometry, Point, PolygonRings } from '../annotation';
import type { Box } from '../bounds';
import type { ImageSize } from './round';
import { roundPoint } from './round';

/** The geometry moved by (dx, dy) image px, vertices rounded as the tools keep them. */
export function translateGeometry(geometry: Geometry, dx: number, dy: number): Geometry {
  const move = (p: Point): Point => roundPoint([p[0] + dx, p[1] + dy]);
  const moveRings = (polygon: PolygonRings): PolygonRings =>
    polygon.holes ? { points: polygon.points.map(move), holes: polygon.holes.map((hole) => hole.map(move)) } : { points: polygon.points.map(move) };
  switch (geometry.type) {
    case 'point':
      return { type: 'point', point: move(geometry.point) };
    case 'polyline':
      return { type: 'polyline', points: geometry.points.map(move) };
    case 'polygon':
      return { type: 'polygon', ...moveRings(geometry) };
    case 'multiPolygon':
      return { type: 'multiPolygon', polygons: geometry.polygons.map(moveRings) };
    case 'rectangle':
      return { type: 'rectangle', topLeft: move(geometry.topLeft), bottomRight: move(geometry.bottomRight) };
    case 'ellipse':
      return { ...geometry, center: move(geometry.center) };
  }
}

/** The move (dx, dy) reduced so that `box` moved by it stays inside the image. */
export function clampMove(box: Box, dx: number, dy: number, image: ImageSize): Point {
  const clamp = (d: number, min: number, max: number, limit: number) => Math.min(Math.max(d, -min), limit - max);
  return [clamp(dx, box.minX, box.maxX, image.width), clamp(dy, box.minY, box.maxY, image.height)];
}

/** Where one vertex of a polygon or multiPolygon lies: part, ring (0 = outer, then holes), vertex. */
export interface VertexRef {
  readonly part: number;
  readonly ring: number;
  readonly index: number;
}

function partsOf(geometry: Geometry): readonly PolygonRings[] {
  if (geometry.type === 'polygon') return [geometry];
  if (geometry.type === 'multiPolygon') return geometry.polygons;
  return [];
}

/** Every vertex of a polygon or multiPolygon with its place (none for other geometries). */
export function polygonVertices(geometry: Geometry): { readonly ref: VertexRef; readonly point: Point }[] {
  return partsOf(geometry).flatMap((polygon, part) =>
    [polygon.points, ...(polygon.holes ?? [])].flatMap((ring, r) => ring.map((point, index) => ({ ref: { part, ring: r, index }, point }))),
  );
}

/** The polygon or multiPolygon with one vertex moved to `to`; other geometries come back as they are. */
export function moveVertex(geometry: Geometry, ref: VertexRef, to: Point): Geometry {
  const moveIn = (polygon: PolygonRings, part: number): PolygonRings => {
    if (part !== ref.part) return polygon;
    const ring = (points: readonly Point[], r: number) => (r === ref.ring ? points.map((p, i) => (i === ref.index ? to : p)) : points);
    const points = ring(polygon.points, 0);
    return polygon.holes ? { points, holes: polygon.holes.map((hole, h) => ring(hole, h + 1)) } : { points };
  };
  if (geometry.type === 'polygon') return { type: 'polygon', ...moveIn(geometry, 0) };
  if (geometry.type === 'multiPolygon') return { type: 'multiPolygon', polygons: geometry.polygons.map(moveIn) };
  return geometry;
}
