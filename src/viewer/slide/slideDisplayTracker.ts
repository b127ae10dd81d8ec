import type OpenSeadragon from 'openseadragon';
import type { TileFailure } from './tileLoadError';

export interface SlideDisplayState {
  /** The first full screen of tiles is drawn (stays true afterwards). */
  readonly ready: boolean;
  readonly openFailed: boolean;
  /** Tiles that could not be shown since the last retry, by cause. */
  readonly failed: Readonly<Record<TileFailure, number>>;
}

const NO_FAILURES: Readonly<Record<TileFailure, number>> = { offline: 0, server: 0, rebuilt: 0 };

function failureOf(message: string): TileFailure {
  // SlideTileSource fails a tile with a TileLoadError message: "<failure>: <detail>".
  if (message.startsWith('offline:')) return 'offline';
  return message.startsWith('rebuilt:') ? 'rebuilt' : 'server';
}

/**
 * Follows one viewer's loading from before it opens the slide: attached in the task that creates
 * the viewer, so the open need not wait for a React render to have someone listening (a render is
 * tens of ms under software rendering, on the first screen's path). React reads it as an external
 * store (useSlideDisplay).
 */
export class SlideDisplayTracker {
  private state: SlideDisplayState = { ready: false, openFailed: false, failed: NO_FAILURES };
  private readonly listeners = new Set<() => void>();
  private loadedFully = false;
  private readonly detach: () => void;

  constructor(private readonly viewer: OpenSeadragon.Viewer) {
    const onFullyLoaded = (event: { fullyLoaded: boolean }) => {
      this.loadedFully ||= event.fullyLoaded;
    };
    // Raised after each draw: the first one after all tiles of the view arrived has drawn them.
    const onDrawn = () => {
      if (this.loadedFully && !this.state.ready) this.update({ ready: true })
    };
    const onOpen = () => viewer.world.getItemAt(0)?.addHandler('fully-loaded-change', onFullyLoaded);
    const onOpenFailed = () => this.update({ openFailed: true });
    const onTileFailed = (event: { message: string }) => {
      const failure = failureOf(event.message);
      this.update({ failed: { ...this.state.failed, [failure]: this.state.failed[failure] + 1 } });
    };
    viewer.addHandler('open', onOpen);
    viewer.addHandler('open-failed', onOpenFailed);
    viewer.addHandler('update-viewport', onDrawn);
    viewer.addHandler('tile-load-failed', onTileFailed);
    this.detach = () => {
      viewer.removeHandler('open', onOpen);
      viewer.removeHandler('open-failed', onOpenFailed);
      viewer.removeHandler('update-viewport', onDrawn);
      viewer.removeHandler('tile-load-failed', onTileFailed);
    };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): SlideDisplayState => this.state;

  /** Asks again for every missing tile. */
  retry(): void {
    this.update({ failed: NO_FAILURES });
    this.viewer.world.resetItems();
  }

  destroy(): void {
    this.detach();
    this.listeners.clear();
  }

  private update(change: Partial<SlideDisplayState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
