import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SlideDisplayState } from './slideDisplayTracker';
import type { OsdHandle } from './osdViewer';

export interface SlideDisplay extends SlideDisplayState {
  /** Screen px per level-0 px now. */
  readonly scale: number;
  /** Clockwise degrees now. */
  readonly rotation: number;
  /** Asks again for every missing tile. */
  readonly retry: () => void;
}

const BEFORE_OPEN: SlideDisplayState = { ready: false, openFailed: false, failed: { offline: 0, server: 0, rebuilt: 0 } };
const noSubscription = () => () => undefined;
const beforeOpen = () => BEFORE_OPEN;

/** Follows the viewer's state for the toolbar, the notices and the data-* attributes. */
export function useSlideDisplay(handle: OsdHandle | null): SlideDisplay {
  const tracker = handle?.display ?? null;
  const state = useSyncExternalStore(tracker?.subscribe ?? noSubscription, tracker?.snapshot ?? beforeOpen);
  const [view, setView] = useState({ scale: 1, rotation: 0 });

  useEffect(() => {
    if (!handle) return;
    const { adapter } = handle;
    return adapter.onViewChange(() => {
      const next = adapter.view();
      setView((current) => (current.scale === next.scale && current.rotation === next.rotation ? current : { scale: next.scale, rotation: next.rotation }));
    });
  }, [handle]);

  return { ...state, scale: view.scale, rotation: view.rotation, retry: () => tracker?.retry() };
}
