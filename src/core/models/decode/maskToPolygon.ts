/**
 * A probability map → outlines: threshold, 8-connected components, boundary tracing along pixel
 * edges, Douglas–Peucker simplification. Components (and holes) smaller than `minArea` px are
 * noise and dropped. Coordinates are the map's px (origin top-left, a pixel spans [x, x + 1]).
 */
import type { PolygonRings, Ring } from '../../annotation';
import { ringArea } from '../../geometry/measure';
import { simplifyRing } from '../../geometry/simplify';
import { labelComponents, type ComponentStats } from './components';
import { traceContours } from './contours';

export interface MaskToPolygonOptions {
  /** A pixel is inside when its value is at least this. */
  readonly threshold: number;
  /** Smallest component (and hole) kept, px². */
  readonly minArea: number;
  /** Douglas–Peucker tolerance, px (0 keeps every corner). */
  readonly simplify: number;
}

export interface MaskRegion {
  readonly polygon: PolygonRings;
  /** Pixels of the component (holes excluded). */
  readonly area: number;
  /** Mean value of the map over the component. */
  readonly score: number;
  readonly bounds: Pick<ComponentStats, 'minX' | 'minY' | 'maxX' | 'maxY'>;
}

export function maskToPolygon(map: Float32Array, width: number, height: number, options: MaskToPolygonOptions): MaskRegion[] {
  if (map.length !== width * height) throw new RangeError(`map holds ${map.length} values, not ${width} × ${height}`);
  const mask = new Uint8Array(map.length);
  for (let i = 0; i < map.length; i += 1) mask[i] = map[i]! >= options.threshold ? 1 : 0;
  const { labels, stats } = labelComponents(mask, width, height, 8);
  const sums = new Float64Array(stats.length + 1);
  for (let i = 0; i < map.length; i += 1) sums[labels[i]!] = sums[labels[i]!]! + map[i]!;

  const outers = new Map<number, Ring>();
  const holes = new Map<number, Ring[]>();
  for (const ring of traceContours(labels, width, height)) {
    if (stats[ring.label - 1]!.area < options.minArea) continue;
    if (ring.outer) outers.set(ring.label, simplified(ring.points, options.simplify));
    else if (ringArea(ring.points) >= options.minArea) holes.set(ring.label, [...(holes.get(ring.label) ?? []), simplified(ring.points, options.simplify)]);
  }
  const regions: MaskRegion[] = [];
  for (const [label, points] of outers) {
    const s = stats[label - 1]!;
    const cut = holes.get(label);
    regions.push({
      polygon: cut ? { points, holes: cut } : { points },
      area: s.area,
      score: sums[label]! / s.area,
      bounds: { minX: s.minX, minY: s.minY, maxX: s.maxX, maxY: s.maxY },
    });
  }
  return regions;
}

/** Simplified, unless that would leave no area (a sliver): then the traced corners as they are. */
function simplified(points: Ring, tolerance: number): Ring {
  if (tolerance <= 0) return points;
  const ring = simplifyRing(points, tolerance);
  return ring.length >= 3 && ringArea(ring) > 0 ? ring : points;
}
