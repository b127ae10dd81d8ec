import { useLayoutEffect, type RefObject } from 'react';
import { rememberStage, STAGE_MEMORY_KEY } from './stageMemory';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Remembers where the stage (`stageRef`: OpenSeadragon's element, or the series viewer's viewport
 * under `key` SERIES_STAGE_MEMORY_KEY) is laid out in this window, and again whenever its size
 * changes, for the next page's early viewer (stageMemory.ts); the colour is `rootRef`'s, the
 * viewer's frame.
 */
export function useStageMemory(rootRef: RefObject<HTMLElement | null>, stageRef: RefObject<HTMLElement | null>, key = STAGE_MEMORY_KEY): void {
  useLayoutEffect(() => {
    const stage = stageRef.current;
    const root = rootRef.current;
    const storage = localStorageOrNull();
    if (!stage || !root || !storage) return;
    const remember = () => {
      // Full screen is not where a page opens.
      if (document.fullscreenElement) return;
      const { left, top, width, height } = stage.getBoundingClientRect();
      if (width <= 0 || height <= 0) return;
      rememberStage(storage, { width: window.innerWidth, height: window.innerHeight }, { left, top, width, height }, getComputedStyle(root).backgroundColor, key);
    };
    // Also called once at once: the first layout is the one the next page's early viewer needs.
    const observer = new ResizeObserver(remember);
    observer.observe(stage);
    return () => observer.disconnect();
  }, [rootRef, stageRef, key]);
}
