import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ImageSize } from '../../../core/geometry/round';
import type { Question } from '../../../core/labelSet';
import type { RecordStore } from '../../../core/recordStore';
import { openItemEdits } from '../../../viewer/annotation/openItemEdits';
import { PAN } from '../../../viewer/annotation/toolController';
import { boxWithin, frameMapping, type FrameMapping, type ScreenBox } from './frameImageMapping';
import { FrameRegionSession, type FrameRegionSnapshot } from './frameRegionSession';

export interface FrameRegions {
  readonly question: Question;
  readonly session: FrameRegionSession | null;
  /** Where the current frame's pixels are in the layer, once it is on screen. */
  readonly mapping: FrameMapping | null;
  /** Callback refs: the layer over the stage (pointer input), the element showing the frame (its box: the large view's <img>, the player's <canvas>). */
  readonly layerRef: (element: HTMLDivElement | null) => void;
  readonly imageRef: (element: HTMLElement | null) => void;
}

export interface FrameRegionsInput {
  readonly document: RecordStore | null;
  /** The label set's region question (none: no region layer). */
  readonly question: Question | null;
  /** The current frame, its size in image px, and whether its image is on screen yet. */
  readonly targetId: string | undefined;
  readonly size: ImageSize;
  readonly displayed: boolean;
  /** The large view's zoom: a CSS transform, which no resize observer sees. */
  readonly zoom: number;
  /** Keys go to the page's dialog while one is open. */
  readonly keys: boolean;
  /** Keys the page keeps in region mode (a stable function: a new one makes a new session). */
  readonly keepsKey?: (event: KeyboardEvent) => boolean;
}

const sameBox = (a: ScreenBox | null, b: ScreenBox | null) =>
  a === b || (a !== null && b !== null && a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height);

/**
 * The region layer of the large view: its session (made once the layer is in the page) and the
 * frame's mapping, kept measured; null where the label set asks for no regions.
 */
export function useFrameRegions({ document, question, targetId, size, displayed, zoom, keys, keepsKey }: FrameRegionsInput): FrameRegions | null {
  const [layer, layerRef] = useState<HTMLDivElement | null>(null);
  const [image, imageRef] = useState<HTMLElement | null>(null);
  const [session, setSession] = useState<FrameRegionSession | null>(null);
  const [box, setBox] = useState<ScreenBox | null>(null);

  useEffect(() => {
    if (!layer || !document || !question) return undefined;
    const next = new FrameRegionSession(layer, document, { question, ...openItemEdits, keepsKey });
    setSession(next);
    return () => {
      next.destroy();
      setSession(null);
    };
  }, [layer, document, question, keepsKey]);

  useEffect(() => {
    if (!layer || !image) return setBox(null);
    const measure = () => {
      const next = boxWithin(image.getBoundingClientRect(), layer.getBoundingClientRect());
      setBox((last) => (sameBox(last, next) ? last : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(layer);
    observer.observe(image);
    return () => observer.disconnect();
  }, [layer, image, zoom, targetId, displayed]);

  const mapping = useMemo(() => (box && displayed ? frameMapping(box, size) : null), [box, displayed, size]);
  useEffect(() => {
    session?.show(mapping && targetId !== undefined ? { targetId, size, mapping } : null);
  }, [session, mapping, targetId, size]);
  useEffect(() => session?.listen(keys), [session, keys]);
  return question ? { question, session, mapping, layerRef, imageRef } : null;
}

/**
 * The session's tool, class, selection and preview, for the layer and the bar alone: a pointer move
 * re-renders them, never the grid.
 */
export function useRegionSnapshot(session: FrameRegionSession | null): FrameRegionSnapshot | null {
  const subscribe = useCallback((listener: () => void) => (session ? session.subscribe(listener) : () => undefined), [session]);
  const read = useCallback(() => session?.snapshot() ?? null, [session]);
  return useSyncExternalStore(subscribe, read);
}

/** Whether a region tool is on (region mode); re-renders its reader only when that flips, never on a pointer move. */
export function useRegionMode(session: FrameRegionSession | null): boolean {
  const subscribe = useCallback((listener: () => void) => (session ? session.subscribe(listener) : () => undefined), [session]);
  const read = useCallback(() => session !== null && session.snapshot().tool !== PAN, [session]);
  return useSyncExternalStore(subscribe, read);
}
