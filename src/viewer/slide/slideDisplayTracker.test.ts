import type OpenSeadragon from 'openseadragon';
import { describe, expect, it } from 'vitest';
import { SlideDisplayTracker } from './slideDisplayTracker';

type Handler = (event: never) => void;

/** OpenSeadragon's event surface the tracker uses: handlers by name, raised by the test. */
function fakeViewer() {
  const handlers = new Map<string, Set<Handler>>();
  const on = (name: string, handler: Handler) => void (handlers.get(name) ?? handlers.set(name, new Set()).get(name)!).add(handler);
  const off = (name: string, handler: Handler) => void handlers.get(name)?.delete(handler);
  const raise = (name: string, event: object = {}) => {
    for (const handler of [...(handlers.get(name) ?? [])]) (handler as (event: object) => void)(event);
  };
  let resets = 0;
  const item = { addHandler: on };
  const viewer = { addHandler: on, removeHandler: off, world: { getItemAt: () => item, resetItems: () => void (resets += 1) } };
  return { viewer: viewer as unknown as OpenSeadragon.Viewer, raise, count: (name: string) => handlers.get(name)?.size ?? 0, resets: () => resets };
}

describe('SlideDisplayTracker', () => {
  it('is ready at the first draw after every tile of the view arrived, not before', () => {
    const { viewer, raise } = fakeViewer();
    const tracker = new SlideDisplayTracker(viewer);
    const seen: boolean[] = [];
    tracker.subscribe(() => seen.push(tracker.snapshot().ready));
    raise('open');
    raise('update-viewport');
    expect(tracker.snapshot().ready).toBe(false);
    raise('fully-loaded-change', { fullyLoaded: true });
    expect(tracker.snapshot().ready).toBe(false);
    raise('update-viewport');
    raise('update-viewport');
    expect(tracker.snapshot().ready).toBe(true);
    expect(seen).toEqual([true]);
  });

  it('counts failed tiles by cause, and a retry clears them and asks again', () => {
    const { viewer, raise, resets } = fakeViewer();
    const tracker = new SlideDisplayTracker(viewer);
    raise('tile-load-failed', { message: 'offline: no network' });
    raise('tile-load-failed', { message: 'rebuilt: 410' });
    raise('tile-load-failed', { message: 'server: 500' });
    raise('tile-load-failed', { message: 'offline: no network' });
    expect(tracker.snapshot().failed).toEqual({ offline: 2, server: 1, rebuilt: 1 });
    tracker.retry();
    expect(tracker.snapshot().failed).toEqual({ offline: 0, server: 0, rebuilt: 0 });
    expect(resets()).toBe(1);
  });

  it('says when the slide could not be opened, and lets go of the viewer when destroyed', () => {
    const { viewer, raise, count } = fakeViewer();
    const tracker = new SlideDisplayTracker(viewer);
    raise('open-failed');
    expect(tracker.snapshot().openFailed).toBe(true);
    tracker.destroy();
    expect(['open', 'open-failed', 'update-viewport', 'tile-load-failed'].map(count)).toEqual([0, 0, 0, 0]);
  });
});
