import { Enums, eventTarget, metaData, type Types } from '@cornerstonejs/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { watchElementSize } from './elementSize';
import { describeLoadError } from './loadError';
import type { ViewportHandle } from './useStackViewport';
import { firstWindow, rangeToWindow, sameRange, windowToRange, type VoiRange, type WindowLevel } from './windowing';

export type SlicePhase = 'loading' | 'ready' | 'error';

export interface SliceDisplay {
  readonly phase: SlicePhase;
  /** Why the current slice failed, when `phase` is 'error'. */
  readonly error: string | null;
  /** The window shown now (modality units). */
  readonly voi: WindowLevel | null;
  /** The user's chosen window, kept across slices; null while each slice shows its own default. */
  readonly chosenWindow: WindowLevel | null;
  /** Modality of the shown slice (CT, MR…), for offering CT presets only where they mean something. */
  readonly modality: string | null;
  /** The current slice's own window (WindowCenter/Width, else Cornerstone's from the pixel range). */
  readonly fileWindow: WindowLevel | null;
  readonly setWindow: (window: WindowLevel) => void;
  /** Back to each slice's own window (WindowCenter/Width of its file). */
  readonly applyFileWindow: () => void;
  /** File windows, zoom and pan as on opening. */
  readonly reset: () => void;
  readonly retry: () => void;
}

function imageWindow(image: Types.IImage): WindowLevel | null {
  return firstWindow(image.windowCenter, image.windowWidth);
}

export interface WindowMemory {
  /** The window the reader chose on an earlier visit (null: each slice's own). */
  readonly initialWindow?: WindowLevel | null;
  /** The reader chose a window (null: back to each slice's own), to be kept for the next visit. */
  readonly onChosenWindow?: (window: WindowLevel | null) => void;
}

/**
 * Keeps the viewport on `imageIds[index]` and reports when that slice is on screen. The index is
 * owned by the page: the wheel only asks for a new one through `onIndexChange`.
 */
export function useSliceDisplay(
  handle: ViewportHandle | null,
  imageIds: readonly string[],
  index: number,
  onIndexChange: (index: number) => void,
  memory: WindowMemory = {},
): SliceDisplay {
  const [renderedImageId, setRenderedImageId] = useState<string | null>(null);
  const [failures, setFailures] = useState<ReadonlyMap<string, string>>(new Map());
  const [voi, setVoi] = useState<WindowLevel | null>(null);
  const [chosenWindow, setChosenWindow] = useState<WindowLevel | null>(memory.initialWindow ?? null);
  const [modality, setModality] = useState<string | null>(null);
  const [fileWindow, setFileWindow] = useState<WindowLevel | null>(null);
  const [stackVersion, setStackVersion] = useState(0);

  const chosenRef = useRef<WindowLevel | null>(memory.initialWindow ?? null);
  const onChosenRef = useRef(memory.onChosenWindow);
  onChosenRef.current = memory.onChosenWindow;
  /** VOI range drawn on the canvas; null: as Cornerstone reports it. */
  const displayedRef = useRef<VoiRange | null>(null);
  /** The slice the drawn window was last checked for. */
  const lastImageIdRef = useRef<string | null>(null);
  const indexRef = useRef(index);
  const onIndexChangeRef = useRef(onIndexChange);
  const stackRef = useRef<readonly string[] | null>(null);
  indexRef.current = index;
  onIndexChangeRef.current = onIndexChange;

  const choose = useCallback((window: WindowLevel | null) => {
    chosenRef.current = window;
    setChosenWindow(window);
    onChosenRef.current?.(window);
  }, []);

  // A new series (or a retry) opens at the page's slice.
  useEffect(() => {
    if (!handle || imageIds.length === 0) return;
    stackRef.current = imageIds;
    // A new stack is drawn with its first slice's own window.
    displayedRef.current = null;
    lastImageIdRef.current = null;
    setRenderedImageId(null);
    handle.viewport
      .setStack([...imageIds], Math.min(Math.max(indexRef.current, 0), imageIds.length - 1))
      .catch(() => undefined); // reported through IMAGE_LOAD_ERROR
    return () => {
      stackRef.current = null;
    };
  }, [handle, imageIds, stackVersion]);

  // The page moved to another slice.
  useEffect(() => {
    if (!handle || stackRef.current !== imageIds) return;
    const { viewport } = handle;
    if (viewport.getCurrentImageIdIndex() !== index || viewport.getTargetImageIdIndex() !== index) {
      viewport.setImageIdIndex(index).catch(() => undefined); // reported through IMAGE_LOAD_ERROR
    }
  }, [handle, imageIds, index]);

  useEffect(() => {
    if (!handle) return;
    const { viewport } = handle;
    const element = viewport.element;
    let windowDrag = false;

    const onRendered = () => {
      const image = viewport.getCornerstoneImage();
      if (!image) return;
      const reported = viewport.getProperties().voiRange ?? null;
      const chosen = chosenRef.current;
      const wanted = chosen ? windowToRange(chosen) : reported;
      // Cornerstone's CPU path draws a new slice with the previous slice's window while reporting
      // the new slice's own; what it draws is tracked here and corrected once per slice.
      const cpuNewImage = handle.renderMode === 'cpu' && image.imageId !== lastImageIdRef.current;
      const drawn = displayedRef.current ?? reported;
      lastImageIdRef.current = image.imageId;
      if (wanted) {
        const differs = (range: VoiRange | null) => !range || !sameRange(range, wanted);
        if (differs(reported) || (cpuNewImage && differs(drawn))) {
          viewport.setProperties({ voiRange: wanted });
          displayedRef.current = wanted;
          viewport.render();
          return; // marked ready by the render this asks for
        }
      }
      displayedRef.current = reported;
      setVoi(reported ? rangeToWindow(reported) : null);
      setFileWindow(imageWindow(image));
      setModality(
        (metaData.get('generalSeriesModule', image.imageId) as { modality?: string } | undefined)
          ?.modality ?? null,
      );
      setRenderedImageId(image.imageId);
    };
    const onVoiModified = () => {
      const range = viewport.getProperties().voiRange ?? null;
      displayedRef.current = range;
      const shown = range ? rangeToWindow(range) : null;
      setVoi(shown);
      if (windowDrag && shown) choose(shown);
    };
    const onScroll = (event: Event) => {
      const next = (event as CustomEvent<{ newImageIdIndex: number }>).detail.newImageIdIndex;
      if (next !== indexRef.current) onIndexChangeRef.current(next);
    };
    const onLoadError = (event: Event) => {
      const detail = (event as CustomEvent<{ imageId?: string; error?: unknown }>).detail;
      const imageId = detail?.imageId;
      if (!imageId || !stackRef.current?.includes(imageId)) return;
      const reason = describeLoadError(detail.error) ?? 'unknown';
      setFailures((previous) => new Map(previous).set(imageId, reason));
    };
    // The window tool sits on the plain primary button; Ctrl+primary pans.
    const onPointerDown = (event: PointerEvent) => {
      windowDrag = event.button === 0 && !event.ctrlKey;
    };
    const onPointerUp = () => {
      windowDrag = false;
    };

    // A resize clears the canvas until the next frame is drawn: not ready until then.
    const stopWatchingSize = watchElementSize(element, () => setRenderedImageId(null));

    element.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    element.addEventListener(Enums.Events.VOI_MODIFIED, onVoiModified);
    element.addEventListener(Enums.Events.STACK_VIEWPORT_SCROLL, onScroll);
    element.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('pointerup', onPointerUp, true);
    window.addEventListener('pointercancel', onPointerUp, true);
    eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_ERROR, onLoadError);
    return () => {
      stopWatchingSize();
      element.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
      element.removeEventListener(Enums.Events.VOI_MODIFIED, onVoiModified);
      element.removeEventListener(Enums.Events.STACK_VIEWPORT_SCROLL, onScroll);
      element.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('pointerup', onPointerUp, true);
      window.removeEventListener('pointercancel', onPointerUp, true);
      eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_ERROR, onLoadError);
    };
  }, [handle, choose]);

  const setWindow = useCallback(
    (window: WindowLevel) => {
      if (!handle) return;
      choose(window);
      handle.viewport.setProperties({ voiRange: windowToRange(window) });
      handle.viewport.render();
    },
    [handle, choose],
  );

  const applyFileWindow = useCallback(() => {
    if (!handle) return;
    choose(null);
    displayedRef.current = null;
    handle.viewport.resetProperties();
    handle.viewport.render();
  }, [handle, choose]);

  const reset = useCallback(() => {
    if (!handle) return;
    handle.viewport.resetCamera();
    applyFileWindow();
  }, [handle, applyFileWindow]);

  const retry = useCallback(() => {
    setFailures(new Map());
    setStackVersion((version) => version + 1);
  }, []);

  const currentImageId = imageIds[index];
  const error = currentImageId ? (failures.get(currentImageId) ?? null) : null;
  const phase: SlicePhase = error
    ? 'error'
    : currentImageId !== undefined && renderedImageId === currentImageId
      ? 'ready'
      : 'loading';

  return { phase, error, voi, chosenWindow, modality, fileWindow, setWindow, applyFileWindow, reset, retry };
}
