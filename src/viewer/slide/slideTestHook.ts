import OpenSeadragon from 'openseadragon';
import { useEffect } from 'react';
import type { Point } from '../../core/annotation';
import type { SlideView } from './slideView';
import type { OsdHandle } from './osdViewer';

/**
 * `window.__mejirushiSlide`: what end-to-end tests need to check the slide viewer's transforms
 * against OpenSeadragon's own (image px = level-0 px; screen px = CSS px of the viewer element).
 * Present while a slide viewer is mounted.
 */
export interface SlideTestHook {
  view(): SlideView;
  /** The adapter's image → screen. */
  imageToScreen(point: Point): Point;
  /** OpenSeadragon's own image → element px, for comparison. */
  osdImageToScreen(point: Point): Point;
}

declare global {
  interface Window {
    __mejirushiSlide?: SlideTestHook;
  }
}

export function useSlideTestHook(handle: OsdHandle | null): void {
  useEffect(() => {
    if (!handle) return;
    const { viewer, adapter } = handle;
    window.__mejirushiSlide = {
      view: () => adapter.view(),
      imageToScreen: (point) => adapter.imageToScreen(point),
      osdImageToScreen: ([x, y]) => {
        const p = viewer.world.getItemAt(0).imageToViewerElementCoordinates(new OpenSeadragon.Point(x, y));
        return [p.x, p.y];
      },
    };
    return () => {
      delete window.__mejirushiSlide;
    };
  }, [handle]);
}
