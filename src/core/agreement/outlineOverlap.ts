import type { Geometry, PolygonRings } from '../annotation';
import { intersectPolygons, repairPolygons } from '../geometry/clipping';
import { geometryArea } from '../geometry/measure';
import { geometryPolygons } from '../geometry/rings';
import type { Overlap } from './overlap';

/** How closely an ellipse's ring follows it, in image px: well below a reader's own precision. */
const ELLIPSE_MAX_ERROR = 0.05;

/**
 * The area a reader outlined: all their outlines (polygons, rectangles, ellipses) as polygons.
 * Points and lines enclose nothing and are left out.
 */
export function outlinedArea(geometries: readonly Geometry[]): PolygonRings[] {
  return geometries.flatMap((geometry) => geometryPolygons(geometry, ELLIPSE_MAX_ERROR) ?? []);
}

function polygonsOf(geometry: Geometry | null): readonly PolygonRings[] {
  if (geometry === null) return [];
  return geometryPolygons(geometry, ELLIPSE_MAX_ERROR) ?? [];
}

/**
 * Overlap of two readers' outlined areas in image px². Each side is first united with itself, so
 * overlapping outlines of one reader count once. O(vertices of both, log) by polygon-clipping.
 */
export function outlineOverlap(a: readonly PolygonRings[], b: readonly PolygonRings[]): Overlap {
  const unitedA = polygonsOf(a.length > 0 ? repairPolygons(a) : null);
  const unitedB = polygonsOf(b.length > 0 ? repairPolygons(b) : null);
  const sizeA = unitedA.reduce((sum, polygon) => sum + geometryArea({ type: 'polygon', ...polygon }), 0);
  const sizeB = unitedB.reduce((sum, polygon) => sum + geometryArea({ type: 'polygon', ...polygon }), 0);
  const common = unitedA.length > 0 && unitedB.length > 0 ? intersectPolygons(unitedA, unitedB) : null;
  return { intersection: common ? geometryArea(common) : 0, sizeA, sizeB };
}
