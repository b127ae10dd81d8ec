/**
 * Comments pinned to a point (image px of one slice or of the slide's level 0, origin top-left):
 * the anchor a reviewer's click makes, the markers of an item's point-pinned threads, and which
 * of them lie on the image on screen.
 */
import type { CommentAnchor, CommentThread } from '../api';
import type { Point } from '../annotation';
import type { Box } from '../bounds';
import type { ImageTarget } from '../targets';

export type PointAnchor = Extract<CommentAnchor, { readonly kind: 'point' }>;

/** A click lands at a fraction of a px; a tenth of a px is finer than anyone points. */
const TENTHS = 10;
const tenth = (value: number) => Math.round(value * TENTHS) / TENTHS;

/** The anchor of a click at `point` on `image`, or null when the image is unknown or the click missed it. */
export function pointAnchor(image: ImageTarget | undefined, point: Point): PointAnchor | null {
  if (!image) return null;
  const [x, y] = [tenth(point[0]), tenth(point[1])];
  if (!(x >= 0 && y >= 0 && x <= image.width && y <= image.height)) return null;
  return { kind: 'point', targetId: image.id, x, y };
}

/** A pin drawn over the image: a thread's (numbered as it is listed) or the one a return is being written with. */
export interface PointMarker {
  readonly key: string;
  readonly targetId: string;
  readonly x: number;
  readonly y: number;
  /** The words on the pin: the thread's number in the list, or what marks the pin being placed. */
  readonly label: string;
  readonly state: 'open' | 'resolved' | 'pending';
}

/** One marker per thread pinned to a point, numbered by the thread's place in `threads` (1-based), as the list shows it. */
export function threadMarkers(threads: readonly CommentThread[]): PointMarker[] {
  return threads.flatMap((thread, index) =>
    thread.anchor.kind === 'point' ? [{ key: thread.id, targetId: thread.anchor.targetId, x: thread.anchor.x, y: thread.anchor.y, label: String(index + 1), state: thread.status }] : [],
  );
}

/** The markers on the image on screen (`shownTarget`, null while none is) within `visible` (image px). */
export function markersOnScreen(markers: readonly PointMarker[], shownTarget: string | null, visible: Box): PointMarker[] {
  if (shownTarget === null) return [];
  return markers.filter((m) => m.targetId === shownTarget && m.x >= visible.minX && m.x <= visible.maxX && m.y >= visible.minY && m.y <= visible.maxY);
}
