/**
 * Any geometry as the rings (closed) and lines (open) that outline it, in image px: what the
 * overlay strokes for shapes other than plain polygons and for a tool's preview. An ellipse is
 * sampled into a ring, so it draws the same under any rotation of the view.
 */
import type { Geometry, Point } from '../../core/annotation';

export interface OutlinePath {
  readonly points: readonly Point[];
  readonly closed: boolean;
}

/** Vertices of an ellipse's ring; enough that the chord error stays under a screen px at slide zooms. */
const ELLIPSE_SEGMENTS = 72;

export function ellipseRing(center: Point, radii: Point, rotation: number, segments = ELLIPSE_SEGMENTS): Point[] {
  const [cx, cy] = center;
  const [rx, ry] = radii;
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  const ring: Point[] = [];
  for (let i = 0; i < segments; i += 1) {
    const angle = (2 * Math.PI * i) / segments;
    const x = rx * Math.cos(angle);
    const y = ry * Math.sin(angle);
    ring.push([cx + x * cos - y * sin, cy + x * sin + y * cos]);
  }
  return ring;
}

/** The paths that outline `geometry`; a point has none (it is drawn as a marker). */
export function outlinePaths(geometry: Geometry): OutlinePath[] {
  switch (geometry.type) {
    case 'point':
      return [];
    case 'polyline':
      return [{ points: geometry.points, closed: false }];
    case 'polygon':
      return [geometry.points, ...(geometry.holes ?? [])].map((points) => ({ points, closed: true }));
    case 'multiPolygon':
      return geometry.polygons.flatMap((polygon) => [polygon.points, ...(polygon.holes ?? [])].map((points) => ({ points, closed: true })));
    case 'rectangle': {
      const [x0, y0] = geometry.topLeft;
      const [x1, y1] = geometry.bottomRight;
      return [{ points: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]], closed: true }];
    }
    case 'ellipse':
      return [{ points: ellipseRing(geometry.center, geometry.radii, geometry.rotation), closed: true }];
  }
}
