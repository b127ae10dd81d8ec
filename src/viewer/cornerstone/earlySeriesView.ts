/**
 * The early boot script's series viewport (src/early/earlyBoot.ts; handed over through
 * ../earlySeriesViewer.ts): a Cornerstone stack viewport, hidden where this window last had the
 * series viewer's viewport, showing one slice (already decoded into the cache, firstSliceAhead.ts)
 * in the reader's window, made visible once drawn. The reader sees the slice while the app still
 * evaluates and renders; the app's viewer then adopts this viewport instead of making its own.
 */
import { Enums, RenderingEngine, type StackViewport } from '@cornerstonejs/core';
import { EARLY_SERIES_SHOWN_MARK, type EarlySeriesViewer } from '../earlySeriesViewer';
import type { RememberedStage } from '../slide/stageMemory';
import { sameRange, windowToRange, type WindowLevel } from '../windowing';
import { initCornerstone } from './init';

const ENGINE_ID = 'mejirushi-engine-early';
const VIEWPORT_ID = 'mejirushi-stack-early';

/**
 * Makes the viewport and asks for `imageId`. `onSettled` is called once: true when the slice is on
 * screen in `window` (null: the file's own), false when it will not be shown by this viewer (the
 * slice failed to load, or the viewer was adopted or destroyed first).
 */
export function makeEarlySeriesViewer(imageId: string, place: RememberedStage, window: WindowLevel | null, onSettled: (shown: boolean) => void): EarlySeriesViewer {
  initCornerstone();
  const { left, top, width, height } = place.stage;
  const host = document.createElement('div');
  host.style.cssText = `position:fixed;left:${left}px;top:${top}px;width:${width}px;height:${height}px;visibility:hidden;pointer-events:none`;
  host.style.background = place.background;
  document.body.append(host);
  const engine = new RenderingEngine(ENGINE_ID);
  engine.enableElement({ viewportId: VIEWPORT_ID, type: Enums.ViewportType.STACK, element: host, defaultOptions: { background: [0, 0, 0] } });
  // As useStackViewport: a focusable element would swallow the page's shortcuts.
  host.removeAttribute('tabindex');
  const viewport = engine.getViewport(VIEWPORT_ID) as StackViewport;
  const wanted = window ? windowToRange(window) : null;
  let settled = false;
  const settle = (shown: boolean) => {
    if (settled) return;
    settled = true;
    host.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    onSettled(shown);
  };
  const onRendered = () => {
    // Drawn first in the file's window: the reader's is set and drawn before anything is shown.
    const drawn = viewport.getProperties().voiRange;
    if (wanted && !(drawn && sameRange(drawn, wanted))) {
      viewport.setProperties({ voiRange: wanted });
      viewport.render();
      return;
    }
    host.style.visibility = 'visible';
    performance.mark(EARLY_SERIES_SHOWN_MARK, { detail: imageId });
    settle(true);
  };
  host.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
  let destroyed = false;
  const viewer: EarlySeriesViewer = {
    imageId,
    engine,
    viewport,
    adoptInto(element) {
      settle(false);
      host.style.cssText = 'position:absolute;inset:0';
      element.append(host);
      engine.resize(true, true);
    },
    destroy() {
      settle(false);
      if (destroyed) return;
      destroyed = true;
      engine.destroy();
      host.remove();
    },
  };
  // Its failure is the caller's to act on (it withdraws the viewer; the app loads the slice itself).
  viewport.setStack([imageId], 0).catch(() => settle(false));
  return viewer;
}
