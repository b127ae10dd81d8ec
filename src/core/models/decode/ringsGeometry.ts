/**
 * Traced mask outlines (mask px, see maskRings) as one geometry in the item's px frame: each ring
 * simplified, mapped and rounded; rings that simplify below a triangle are dropped. One outline is a
 * polygon (with its holes), several a multiPolygon, none null.
 */
import type { Geometry, Point, PolygonRings } from '../../annotation';
import { roundPoint } from '../../geometry/round';
import { simplifyRing } from '../../geometry/simplify';

export function ringsGeometry(rings: readonly PolygonRings[], tolerance: number, toItem: (p: Point) => Point): Geometry | null {
  const ring = (points: readonly Point[]) => simplifyRing(points, tolerance).map((p) => roundPoint(toItem(p)));
  const polygons = rings.flatMap((polygon): PolygonRings[] => {
    const points = ring(polygon.points);
    if (points.length < 3) return [];
    const holes = (polygon.holes ?? []).map(ring).filter((h) => h.length >= 3);
    return [holes.length > 0 ? { points, holes } : { points }];
  });
  if (polygons.length === 0) return null;
  return polygons.length === 1 ? { type: 'polygon', ...polygons[0]! } : { type: 'multiPolygon', polygons };
}
