import type { AnnotationRecord, Geometry, Point } from './annotation';
import { packedBounds } from './packedRings';

/** An axis-aligned box in the record's image px (level-0 px for a slide), edges included. */
export interface Box {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** The box around a geometry; O(vertices). A rotated ellipse is bounded exactly, not by its radii. */
export function geometryBounds(geometry: Geometry): Box {
  switch (geometry.type) {
    case 'point': {
      const [x, y] = geometry.point;
      return { minX: x, minY: y, maxX: x, maxY: y };
    }
    case 'rectangle':
      return { minX: geometry.topLeft[0], minY: geometry.topLeft[1], maxX: geometry.bottomRight[0], maxY: geometry.bottomRight[1] };
    case 'ellipse': {
      const [cx, cy] = geometry.center;
      const [rx, ry] = geometry.radii;
      const cos = Math.cos(geometry.rotation);
      const sin = Math.sin(geometry.rotation);
      const hx = Math.hypot(rx * cos, ry * sin);
      const hy = Math.hypot(rx * sin, ry * cos);
      return { minX: cx - hx, minY: cy - hy, maxX: cx + hx, maxY: cy + hy };
    }
    // Holes lie inside their outer ring, so outer rings alone bound a polygon.
    case 'polyline':
      return pointsBounds([geometry.points]);
    // A packed outline's box was computed while packing: its vertices are not read again.
    case 'polygon':
      return packedBounds(geometry) ?? pointsBounds([geometry.points]);
    case 'multiPolygon':
      return pointsBounds(geometry.polygons.map((polygon) => polygon.points));
  }
}

function pointsBounds(lists: readonly (readonly Point[])[]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  // Indexed loops, not `for…of` with destructuring: the iterator protocol per vertex was most of
  // the editor store's bounds on a slide's first open (CPU profile of bench/records-scale).
  for (let l = 0; l < lists.length; l += 1) {
    const points = lists[l]!;
    for (let i = 0; i < points.length; i += 1) {
      const point = points[i]!;
      const x = point[0];
      const y = point[1];
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return { minX, minY, maxX, maxY };
}

/**
 * The box a record covers in its image, or null for records with no place in it (labels). A mask
 * is bounded by the whole squares of its set pixels (pixel x covers [x, x + 1)); an empty one has
 * no box.
 */
export function recordBounds(record: AnnotationRecord): Box | null {
  if (record.type === 'shape') return geometryBounds(record.geometry);
  if (record.type !== 'mask') return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let offset = 0;
  record.runs.forEach((run, i) => {
    // Odd runs are set pixels (runs start with a run of 0s).
    if (i % 2 === 1 && run > 0) {
      const first = offset;
      const last = offset + run - 1;
      const y0 = Math.floor(first / record.width);
      const y1 = Math.floor(last / record.width);
      minY = Math.min(minY, y0);
      maxY = Math.max(maxY, y1 + 1);
      if (y0 === y1) {
        minX = Math.min(minX, first % record.width);
        maxX = Math.max(maxX, (last % record.width) + 1);
      } else {
        minX = 0;
        maxX = record.width;
      }
    }
    offset += run;
  });
  return minX === Infinity ? null : { minX, minY, maxX, maxY };
}

export function intersects(a: Box, b: Box): boolean {
  return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}
