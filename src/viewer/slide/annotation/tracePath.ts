/**
 * Appends outlines to the current Canvas2D path in screen px, skipping vertices that would land
 * within `SIMPLIFY_SCREEN_PX` of the last one drawn: the simplified ring of intermediate zoom,
 * computed while drawing instead of stored per outline.
 */
import type { Geometry, Point } from '../../../core/annotation';
import { packedRingOf } from '../../../core/packedRings';
import { outlinePaths } from '../../annotation/geometryRings';
import { SIMPLIFY_SCREEN_PX } from './levelOfDetail';
import type { FrameView, Paint } from './paintTarget';

export function traceRing(paint: Paint, points: readonly Point[], closed: boolean, view: FrameView): void {
  const n = points.length;
  if (n === 0) return;
  const { a, b, c, d, e, f } = view.transform;
  const [x0, y0] = points[0] as Point;
  let lastX = a * x0 + c * y0 + e;
  let lastY = b * x0 + d * y0 + f;
  paint.moveTo(lastX, lastY);
  for (let i = 1; i < n; i += 1) {
    const [x, y] = points[i] as Point;
    const sx = a * x + c * y + e;
    const sy = b * x + d * y + f;
    // The last vertex is kept, so an open line ends where it should.
    if ((sx - lastX) ** 2 + (sy - lastY) ** 2 < SIMPLIFY_SCREEN_PX ** 2 && (closed || i < n - 1)) continue;
    paint.lineTo(sx, sy);
    lastX = sx;
    lastY = sy;
  }
  if (closed) paint.closePath();
}

/**
 * `traceRing` of a closed ring held as vertices `from … to - 1` of packed coordinates (x, y
 * interleaved), read in place: no vertex pairs made per frame.
 */
export function tracePackedRing(paint: Paint, coords: Float32Array | Float64Array, from: number, to: number, view: FrameView): void {
  if (to <= from) return;
  const { a, b, c, d, e, f } = view.transform;
  let lastX = a * coords[2 * from]! + c * coords[2 * from + 1]! + e;
  let lastY = b * coords[2 * from]! + d * coords[2 * from + 1]! + f;
  paint.moveTo(lastX, lastY);
  for (let i = from + 1; i < to; i += 1) {
    const x = coords[2 * i]!;
    const y = coords[2 * i + 1]!;
    const sx = a * x + c * y + e;
    const sy = b * x + d * y + f;
    if ((sx - lastX) ** 2 + (sy - lastY) ** 2 < SIMPLIFY_SCREEN_PX ** 2) continue;
    paint.lineTo(sx, sy);
    lastX = sx;
    lastY = sy;
  }
  paint.closePath();
}

/** Every ring and line of a geometry (a point has none: it is drawn as a marker). */
export function traceGeometry(paint: Paint, geometry: Geometry, view: FrameView): void {
  if (geometry.type === 'polygon') {
    const packed = packedRingOf(geometry);
    if (packed) return tracePackedRing(paint, packed.coords, packed.from, packed.to, view);
    traceRing(paint, geometry.points, true, view);
    for (const hole of geometry.holes ?? []) traceRing(paint, hole, true, view);
    return;
  }
  for (const path of outlinePaths(geometry)) traceRing(paint, path.points, path.closed, view);
}
