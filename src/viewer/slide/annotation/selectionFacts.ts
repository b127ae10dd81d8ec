/**
 * What the panel says of one selected outline: its class and vertex count, and its area in µm²
 * (mm² once large) from the slide's µm per pixel, or px² where the slide gives none.
 */
import type { Geometry } from '../../../core/annotation';

/** Vertices of rings and lines, summed; null for an ellipse, which has none. */
export function vertexCount(geometry: Geometry): number | null {
  switch (geometry.type) {
    case 'point':
      return 1;
    case 'polyline':
      return geometry.points.length;
    case 'polygon':
      return geometry.points.length + (geometry.holes ?? []).reduce((n, hole) => n + hole.length, 0);
    case 'multiPolygon':
      return geometry.polygons.reduce((n, p) => n + p.points.length + (p.holes ?? []).reduce((m, hole) => m + hole.length, 0), 0);
    case 'rectangle':
      return 4;
    case 'ellipse':
      return null;
  }
}

export type AreaText = { readonly unit: 'um2' | 'mm2' | 'px2'; readonly value: string };

/** µm² below 10⁶ (a gland, a focus), mm² above (a lesion across the biopsy). */
export function areaText(areaPx: number, micronsPerPixel: readonly [number, number] | null): AreaText {
  if (!micronsPerPixel || !(micronsPerPixel[0] > 0 && micronsPerPixel[1] > 0)) return { unit: 'px2', value: round(areaPx) };
  const um2 = areaPx * micronsPerPixel[0] * micronsPerPixel[1];
  return um2 >= 1e6 ? { unit: 'mm2', value: round(um2 / 1e6, 3) } : { unit: 'um2', value: round(um2) };
}

function round(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
