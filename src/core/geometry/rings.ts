import type { Geometry, Point, PolygonRings, Ring } from '../annotation';

type Ellipse = Pick<Extract<Geometry, { type: 'ellipse' }>, 'center' | 'radii' | 'rotation'>;

/** An ellipse as a closed ring of `segments` vertices (clockwise on screen). */
export function ellipseRing({ center, radii, rotation }: Ellipse, segments: number): Point[] {
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  return Array.from({ length: segments }, (_, i) => {
    const angle = (2 * Math.PI * i) / segments;
    const u = radii[0] * Math.cos(angle);
    const v = radii[1] * Math.sin(angle);
    return [center[0] + u * cos - v * sin, center[1] + u * sin + v * cos] as const;
  });
}

/**
 * Vertices for a ring that follows a circle of `radius` within `maxError` (the sagitta of each
 * chord), at least 8 and at most 256.
 */
export function circleSegments(radius: number, maxError: number): number {
  if (radius <= maxError) return 8;
  const step = 2 * Math.acos(1 - maxError / radius);
  return Math.min(256, Math.max(8, Math.ceil((2 * Math.PI) / step)));
}

export function circleRing(center: Point, radius: number, segments: number): Point[] {
  return ellipseRing({ center, radii: [radius, radius], rotation: 0 }, segments);
}

function rectangleRing(topLeft: Point, bottomRight: Point): Ring {
  return [topLeft, [bottomRight[0], topLeft[1]], bottomRight, [topLeft[0], bottomRight[1]]];
}

/**
 * An area outline as polygons (what boolean operations take), or null for points and lines,
 * which have no area. An ellipse becomes a ring within `maxError` image px of it.
 */
export function geometryPolygons(geometry: Geometry, maxError: number): readonly PolygonRings[] | null {
  switch (geometry.type) {
    case 'point':
    case 'polyline':
      return null;
    case 'polygon':
      return [geometry.holes ? { points: geometry.points, holes: geometry.holes } : { points: geometry.points }];
    case 'multiPolygon':
      return geometry.polygons;
    case 'rectangle':
      return [{ points: rectangleRing(geometry.topLeft, geometry.bottomRight) }];
    case 'ellipse':
      return [{ points: ellipseRing(geometry, circleSegments(Math.max(...geometry.radii), maxError)) }];
  }
}
