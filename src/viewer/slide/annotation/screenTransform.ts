/**
 * The image→screen mapping of one frame as an affine transform, taken from the adapter once per
 * draw: applying it to 10^5 vertices is a multiply-add each, where calling the adapter per vertex
 * would cost a function call and an allocation each. Exact for OpenSeadragon (pan, zoom,
 * rotation, flip are all affine).
 */
import type { Point } from '../../../core/annotation';

export interface ScreenTransform {
  /** screen x = a·x + c·y + e; screen y = b·x + d·y + f (image px → CSS px of the element). */
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly e: number;
  readonly f: number;
}

/** The transform of `imageToScreen`, sampled at three points (origin and the two unit steps). */
export function screenTransformOf(imageToScreen: (point: Point) => Point): ScreenTransform {
  // Sampled a long way apart so that the float error of the adapter's own math does not scale up.
  const step = 1024;
  const [e, f] = imageToScreen([0, 0]);
  const [xx, xy] = imageToScreen([step, 0]);
  const [yx, yy] = imageToScreen([0, step]);
  return { a: (xx - e) / step, b: (xy - f) / step, c: (yx - e) / step, d: (yy - f) / step, e, f };
}

/** Screen px per image px (the length of an image px on screen; rotation does not change it). */
export function screenScale(transform: ScreenTransform): number {
  return Math.hypot(transform.a, transform.b);
}
