import type { Point, Ring } from '../annotation';

/** The image drawn on, in image px (level-0 px of a slide). */
export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

/**
 * Coordinates are kept to 1/100 px: finer than any screen or scanner shows, and a vertex then
 * costs a few characters in a record instead of seventeen digits.
 */
export function roundCoordinate(v: number): number {
  // Dividing a whole number by 100 gives the double nearest the decimal (12.34, not 12.340000000000002);
  // `+ 0` turns -0 into 0.
  return Math.round(v * 100) / 100 + 0;
}

export function roundPoint([x, y]: Point): Point {
  return [roundCoordinate(x), roundCoordinate(y)];
}

/** The nearest point of the image to `point` (edges included). */
export function clampPoint([x, y]: Point, image: ImageSize): Point {
  return [Math.min(Math.max(x, 0), image.width), Math.min(Math.max(y, 0), image.height)];
}

/** `point` clamped into the image and rounded: how every tool stores a vertex. */
export function imagePoint(point: Point, image: ImageSize): Point {
  return roundPoint(clampPoint(point, image));
}

export function samePoint(a: Point, b: Point): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** A ring without repeated consecutive vertices (nor a last vertex repeating the first). */
export function dedupeRing(ring: Ring): Point[] {
  const out: Point[] = [];
  for (const p of ring) if (out.length === 0 || !samePoint(out[out.length - 1]!, p)) out.push(p);
  while (out.length > 1 && samePoint(out[0]!, out[out.length - 1]!)) out.pop();
  return out;
}
