/**
 * Boxes of the reviewer's slide screen (image px, origin top-left): the union of outlines' boxes
 * to zoom to, a margin around it, the box kept inside the image, and a box as the polygon of a
 * `region` comment anchor; and back, the box of an anchor to show it.
 */
import type { CommentAnchor } from '../api';
import type { Point } from '../annotation';
import type { Box } from '../bounds';

/** The box around all of `boxes`, or null when there are none. */
export function unionBoxes(boxes: readonly Box[]): Box | null {
  if (boxes.length === 0) return null;
  return {
    minX: Math.min(...boxes.map((b) => b.minX)),
    minY: Math.min(...boxes.map((b) => b.minY)),
    maxX: Math.max(...boxes.map((b) => b.maxX)),
    maxY: Math.max(...boxes.map((b) => b.maxY)),
  };
}

/** `box` grown by `fraction` of its larger side on every edge, at least `minimum` px: an outline is seen with its surroundings. */
export function padBox(box: Box, fraction: number, minimum: number): Box {
  const pad = Math.max(minimum, fraction * Math.max(box.maxX - box.minX, box.maxY - box.minY));
  return { minX: box.minX - pad, minY: box.minY - pad, maxX: box.maxX + pad, maxY: box.maxY + pad };
}

/** `box` cut to the image (0..width, 0..height); null when nothing of it lies inside. */
export function clampBox(box: Box, image: { readonly width: number; readonly height: number }): Box | null {
  const clamped = { minX: Math.max(0, box.minX), minY: Math.max(0, box.minY), maxX: Math.min(image.width, box.maxX), maxY: Math.min(image.height, box.maxY) };
  return clamped.minX < clamped.maxX && clamped.minY < clamped.maxY ? clamped : null;
}

/** Around a region shown: a margin of its larger side, at least `VIEW_MIN_MARGIN_PX`, so its surroundings show. */
const VIEW_MARGIN = 0.15;
const VIEW_MIN_MARGIN_PX = 64;

/** What the viewer fits to show a region (a difference, a comment's anchor). */
export function viewAround(box: Box): Box {
  return padBox(box, VIEW_MARGIN, VIEW_MIN_MARGIN_PX);
}

/** The box's corners clockwise from the top left: a `region` anchor's polygon. */
export function boxPolygon(box: Box): Point[] {
  return [
    [box.minX, box.minY],
    [box.maxX, box.minY],
    [box.maxX, box.maxY],
    [box.minX, box.maxY],
  ];
}

/** The box of what an anchor pins (a point is a box of no size); null for whole-item and whole-target anchors. */
export function anchorBox(anchor: CommentAnchor): Box | null {
  if (anchor.kind === 'point') return { minX: anchor.x, minY: anchor.y, maxX: anchor.x, maxY: anchor.y };
  if (anchor.kind !== 'region') return null;
  return unionBoxes(anchor.polygon.map(([x, y]) => ({ minX: x, minY: y, maxX: x, maxY: y })));
}
