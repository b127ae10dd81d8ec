/**
 * The reviewer's pin of a return to a point: while a return is being written, M (or the button)
 * starts pinning, a click on the image sets the point, and Esc or M again drops it, back to the
 * view's own pin (the slice, the region). Gives the pins to draw: the threads' and this one.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CommentThread } from '../../../core/api';
import type { Point } from '../../../core/annotation';
import { pointAnchor, threadMarkers, type PointAnchor, type PointMarker } from '../../../core/review/pointPins';
import type { ImageTarget } from '../../../core/targets';

export interface PointPin {
  /** The next click on the image sets the point. */
  readonly pinning: boolean;
  /** The point a return is pinned to, or null for the view's own pin. */
  readonly anchor: PointAnchor | null;
  /** The threads' pins and the one being placed. */
  readonly markers: readonly PointMarker[];
  toggle(): void;
  place(targetId: string, point: Point): void;
}

/** `images`: the item's images (slices or the slide), to check a click fell on one. `returning`: a return is being written. */
export function usePointPin(images: readonly ImageTarget[], returning: boolean, threads: readonly CommentThread[]): PointPin {
  const [pinning, setPinning] = useState(false);
  const [anchor, setAnchor] = useState<PointAnchor | null>(null);
  const clear = useCallback(() => {
    setPinning(false);
    setAnchor(null);
  }, []);

  useEffect(() => {
    if (!returning) clear();
  }, [returning, clear]);
  const held = pinning || anchor !== null;
  useEffect(() => {
    if (!held) return;
    // Also from the comment box: Esc means nothing else in it.
    const listener = (event: KeyboardEvent) => event.key === 'Escape' && clear();
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [held, clear]);

  const place = useCallback(
    (targetId: string, point: Point) => {
      const placed = pointAnchor(images.find((image) => image.id === targetId), point);
      // A click beside the image pins nothing: the reviewer clicks again.
      if (!placed) return;
      setAnchor(placed);
      setPinning(false);
    },
    [images],
  );
  const markers = useMemo(
    () => [...threadMarkers(threads), ...(anchor ? [{ key: 'pending', targetId: anchor.targetId, x: anchor.x, y: anchor.y, label: '+', state: 'pending' as const }] : [])],
    [threads, anchor],
  );
  return useMemo(() => {
    const toggle = () => {
      if (held) clear();
      else if (returning) setPinning(true);
    };
    return { pinning, anchor, markers, toggle, place };
  }, [pinning, anchor, markers, held, returning, clear, place]);
}
