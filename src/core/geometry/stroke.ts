import polygonClipping, { type MultiPolygon as ClipMultiPolygon, type Ring as ClipRing } from 'polygon-clipping';
import type { Geometry, Point } from '../annotation';
import { fromClipping } from './clipping';
import type { ImageSize } from './round';

/** The area a round brush has covered so far, kept in polygon-clipping's form between moves. */
export type Footprint = ClipMultiPolygon;

function arc(center: Point, radius: number, from: number, steps: number, step: number): ClipRing {
  return Array.from({ length: steps + 1 }, (_, i) => {
    const angle = from + i * step;
    return [center[0] + radius * Math.cos(angle), center[1] + radius * Math.sin(angle)];
  });
}

/** The round tip at one place: a regular `segments`-gon inscribed in the circle. */
export function brushDab(center: Point, radius: number, segments: number): Footprint {
  return [[arc(center, radius, 0, segments - 1, (2 * Math.PI) / segments)]];
}

/**
 * The footprint with the tip swept from `from` to `to`: the capsule around the segment (two half
 * circles joined by their tangents; convex) united with what was covered before.
 */
export function sweepBrush(footprint: Footprint, from: Point, to: Point, radius: number, segments: number): Footprint {
  if (from[0] === to[0] && from[1] === to[1]) return footprint;
  const heading = Math.atan2(to[1] - from[1], to[0] - from[0]);
  const half = Math.max(2, Math.ceil(segments / 2));
  const step = Math.PI / half;
  const capsule: ClipRing = [...arc(to, radius, heading - Math.PI / 2, half, step), ...arc(from, radius, heading + Math.PI / 2, half, step)];
  return polygonClipping.union(footprint, [capsule]);
}

/** The footprint cut to the image, as our geometry (null when nothing of it lies inside). */
export function footprintGeometry(footprint: Footprint, image: ImageSize): Geometry | null {
  const frame: ClipRing = [[0, 0], [image.width, 0], [image.width, image.height], [0, image.height]];
  return fromClipping(polygonClipping.intersection(footprint, [frame]));
}
