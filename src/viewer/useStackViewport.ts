import { Enums, RenderingEngine, type StackViewport } from '@cornerstonejs/core';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { initCornerstone } from './cornerstone/init';
import type { RenderMode } from './cornerstone/renderMode';
import { adoptEarlySeriesViewer } from './earlySeriesViewer';
import { watchElementSize } from './elementSize';
import { attachToolsAfterFirstFrame, type ToolControl } from './lazyTools';

export interface ViewportHandle {
  readonly viewport: StackViewport;
  readonly renderMode: RenderMode;
  readonly tools: ToolControl;
}

let instances = 0;

/** A rendering engine with one stack viewport filling `element`, and how to tear it down. */
function makeViewport(element: HTMLDivElement, n: number): { engine: RenderingEngine; viewport: StackViewport; destroy: () => void } {
  const viewportId = `mejirushi-stack-${n}`;
  const engine = new RenderingEngine(`mejirushi-engine-${n}`);
  engine.enableElement({
    viewportId,
    type: Enums.ViewportType.STACK,
    element,
    defaultOptions: { background: [0, 0, 0] },
  });
  // Cornerstone makes the element focusable (tabIndex −1), and its tools' key listener on a
  // focused element calls preventDefault on every key: after a click or drag on the image the
  // page's shortcuts (labels, presets, tools) would be ignored. The tools read modifiers from
  // the mouse events themselves, so the element need not take focus.
  element.removeAttribute('tabindex');
  return { engine, viewport: engine.getViewport(viewportId) as StackViewport, destroy: () => engine.destroy() };
}

/**
 * One rendering engine, stack viewport and tool group per mounted element, all torn down on
 * unmount; the tool group joins after the first frame (see lazyTools). The first viewer of the
 * page adopts the early boot script's viewport when that shows a slice of `imageIds`
 * (earlySeriesViewer.ts), moved into `element`, rather than make its own. Ids are fresh per effect
 * run so StrictMode's mount → unmount → mount never meets the half-destroyed first instance.
 */
export function useStackViewport(elementRef: RefObject<HTMLDivElement | null>, imageIds: readonly string[]): ViewportHandle | null {
  const [handle, setHandle] = useState<ViewportHandle | null>(null);
  // Read when the viewport is made, not a reason to make another.
  const imageIdsRef = useRef(imageIds);
  imageIdsRef.current = imageIds;

  useEffect(() => {
    const element = elementRef.current;
    if (!element) return;
    const { renderMode } = initCornerstone();
    const n = ++instances;
    const early = adoptEarlySeriesViewer(imageIdsRef.current);
    early?.adoptInto(element);
    const { engine, viewport, destroy } = early ?? makeViewport(element, n);
    const tools = attachToolsAfterFirstFrame(viewport, `mejirushi-tools-${n}`);
    const stopWatchingSize = watchElementSize(element, () => engine.resize(true, true));
    setHandle({ viewport, renderMode, tools });
    return () => {
      stopWatchingSize();
      tools.detach();
      destroy();
      setHandle(null);
    };
  }, [elementRef]);

  return handle;
}
