/**
 * What the overlay draws with: the part of Canvas2D it uses (a test passes a recorder), a sink
 * for the density raster (the canvas side scales it with `drawImage`), and the view of one frame.
 */
import type { Point } from '../../../core/annotation';
import type { Box } from '../../../core/bounds';
import type { ScreenTransform } from './screenTransform';

export type Paint = Pick<
  CanvasRenderingContext2D,
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'closePath'
  | 'rect'
  | 'fillRect'
  | 'arc'
  | 'stroke'
  | 'fill'
  | 'setLineDash'
  | 'save'
  | 'restore'
  | 'strokeStyle'
  | 'fillStyle'
  | 'lineWidth'
  | 'globalAlpha'
>;

/** Draws `pixels` (RGBA, `cols` × `rows`) stretched over `imageBox` (image px), crisp. */
export type RasterSink = (pixels: Uint8ClampedArray, cols: number, rows: number, imageBox: Box) => void;

export interface FrameView {
  readonly transform: ScreenTransform;
  /** Screen px per image px. */
  readonly scale: number;
  /** The image px on screen. */
  readonly box: Box;
}

/** Image px → screen px, for the few points drawn one at a time (handles, markers). */
export function toScreen(view: FrameView, [x, y]: Point): Point {
  const t = view.transform;
  return [t.a * x + t.c * y + t.e, t.b * x + t.d * y + t.f];
}
