import type { PolygonRings } from '../annotation';
import { ringArea } from './measure';

/**
 * When a part of a repaired outline is a slip of the hand, not a region: a crossed trace leaves
 * tiny loops and slivers (a curl where the hand wavered, an overshoot where it closed) beside the
 * region traced, and each would be a part of its own, listed, exported and counted in QuPath.
 */
export interface SliverLimits {
  /** A part under this fraction of the largest part's area is a sliver (0.01: 1 %). */
  readonly ofLargest: number;
  /** A part under this area (image px²) is a sliver whatever the largest: a few screen px² at the zoom it was drawn at; 0 when unknown. */
  readonly minArea: number;
}

/** A region that was meant is seldom under 1 % of the one drawn with it in one stroke. */
export const SLIVER_OF_LARGEST = 0.01;

function partArea(polygon: PolygonRings): number {
  return ringArea(polygon.points) - (polygon.holes ?? []).reduce((sum, hole) => sum + ringArea(hole), 0);
}

/** The parts that are regions, in their order: the largest always, the others unless they are slivers by `limits`. */
export function withoutSlivers(polygons: readonly PolygonRings[], limits: SliverLimits): PolygonRings[] {
  const areas = polygons.map(partArea);
  const largest = Math.max(...areas);
  const floor = Math.max(largest * limits.ofLargest, limits.minArea);
  return polygons.filter((_, i) => areas[i] === largest || areas[i]! >= floor);
}
