/**
 * The view of a slide as plain numbers, and the image ↔ screen transforms computed from it.
 * Pure, so the adapter's maths is tested without a browser. Units: image px are level-0 px of
 * the slide (origin top-left, x right, y down); screen px are CSS px relative to the viewer's
 * element. OpenSeadragon rotates the image about the centre of the element, clockwise on screen
 * for positive degrees; this model does the same.
 */
import type { Point } from '../../core/annotation';
import type { Box } from '../../core/bounds';

export interface SlideView {
  /** Size of the element, CSS px. */
  readonly width: number;
  readonly height: number;
  /** The image px shown at the centre of the element. */
  readonly center: Point;
  /** Screen px per image px (1: one level-0 px per CSS px). */
  readonly scale: number;
  /** Clockwise degrees. */
  readonly rotation: number;
}

function turn(rotation: number): { readonly cos: number; readonly sin: number } {
  const degrees = ((rotation % 360) + 360) % 360;
  // Exact quarter turns: no 6e-17 residues in the common case.
  if (degrees === 0) return { cos: 1, sin: 0 };
  if (degrees === 90) return { cos: 0, sin: 1 };
  if (degrees === 180) return { cos: -1, sin: 0 };
  if (degrees === 270) return { cos: 0, sin: -1 };
  const radians = (degrees * Math.PI) / 180;
  return { cos: Math.cos(radians), sin: Math.sin(radians) };
}

export function imageToScreen(view: SlideView, point: Point): Point {
  const { cos, sin } = turn(view.rotation);
  const dx = (point[0] - view.center[0]) * view.scale;
  const dy = (point[1] - view.center[1]) * view.scale;
  return [view.width / 2 + dx * cos - dy * sin, view.height / 2 + dx * sin + dy * cos];
}

export function screenToImage(view: SlideView, point: Point): Point {
  const { cos, sin } = turn(view.rotation);
  const dx = point[0] - view.width / 2;
  const dy = point[1] - view.height / 2;
  // The inverse rotation, then the inverse scale.
  return [view.center[0] + (dx * cos + dy * sin) / view.scale, view.center[1] + (-dx * sin + dy * cos) / view.scale];
}

/** The axis-aligned box (image px) around what the element shows, whatever the rotation. */
export function visibleImageBox(view: SlideView): Box {
  const corners = [
    screenToImage(view, [0, 0]),
    screenToImage(view, [view.width, 0]),
    screenToImage(view, [view.width, view.height]),
    screenToImage(view, [0, view.height]),
  ];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}
