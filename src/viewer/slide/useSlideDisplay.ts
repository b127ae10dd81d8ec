import { useCallback, useEffect, useState } from 'react';
import type { TileFailure } from './tileLoadError';
import type { OsdHandle } from './useOsdViewer';

export interface SlideDisplay {
  /** The first full screen of tiles is drawn (stays true afterwards). */
  readonly ready: boolean;
  readonly openFailed: boolean;
  /** Screen px per level-0 px now. */
  readonly scale: number;
  /** Clockwise degrees now. */
  readonly rotation: number;
  /** Tiles that could not be shown since the last retry, by cause. */
  readonly failed: Readonly<Record<TileFailure, number>>;
  /** Asks again for every missing tile. */
  readonly retry: () => void;
}

const NO_FAILURES: Readonly<Record<TileFailure, number>> = { offline: 0, server: 0, rebuilt: 0 };

function failureOf(message: string): TileFailure {
  // SlideTileSource fails a tile with a TileLoadError message: "<failure>: <detail>".
  if (message.startsWith('offline:')) return 'offline';
  return message.startsWith('rebuilt:') ? 'rebuilt' : 'server';
}

/** Follows the viewer's state for the toolbar, the notices and the data-* attributes. */
export function useSlideDisplay(handle: OsdHandle | null): SlideDisplay {
  const [ready, setReady] = useState(false);
  const [openFailed, setOpenFailed] = useState(false);
  const [view, setView] = useState({ scale: 1, rotation: 0 });
  const [failed, setFailed] = useState(NO_FAILURES);

  useEffect(() => {
    if (!handle) return;
    const { viewer, adapter } = handle;
    let loadedFully = false;
    const onFullyLoaded = (event: { fullyLoaded: boolean }) => {
      loadedFully ||= event.fullyLoaded;
    };
    // Raised after each draw: the first one after all tiles of the view arrived has drawn them.
    const onDrawn = () => {
      if (loadedFully) setReady(true);
    };
    const onOpen = () => viewer.world.getItemAt(0)?.addHandler('fully-loaded-change', onFullyLoaded);
    const onOpenFailed = () => setOpenFailed(true);
    const onTileFailed = (event: { message: string }) => {
      const failure = failureOf(event.message);
      setFailed((counts) => ({ ...counts, [failure]: counts[failure] + 1 }));
    };
    const stopViewing = adapter.onViewChange(() => {
      const next = adapter.view();
      setView((current) => (current.scale === next.scale && current.rotation === next.rotation ? current : { scale: next.scale, rotation: next.rotation }));
    });
    viewer.addHandler('open', onOpen);
    viewer.addHandler('open-failed', onOpenFailed);
    viewer.addHandler('update-viewport', onDrawn);
    viewer.addHandler('tile-load-failed', onTileFailed);
    return () => {
      stopViewing();
      viewer.removeHandler('open', onOpen);
      viewer.removeHandler('open-failed', onOpenFailed);
      viewer.removeHandler('update-viewport', onDrawn);
      viewer.removeHandler('tile-load-failed', onTileFailed);
      setReady(false);
    };
  }, [handle]);

  const retry = useCallback(() => {
    setFailed(NO_FAILURES);
    handle?.viewer.world.resetItems();
  }, [handle]);

  return { ready, openFailed, scale: view.scale, rotation: view.rotation, failed, retry };
}
