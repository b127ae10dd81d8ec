/**
 * The few lines of OpenSeadragon glue the benchmark needs to put the overlay on a viewer: a
 * `ViewerAdapter` over one OSD viewer with one image (the app's own adapter lives in
 * src/viewer/slide and is not what is measured here).
 */
import OpenSeadragon from 'openseadragon';
import type { ViewerAdapter } from '../../src/viewer/adapter';

export function benchAdapter(viewer: OpenSeadragon.Viewer, targetId: string): ViewerAdapter {
  const viewport = viewer.viewport;
  return {
    element: viewer.element,
    targetId: () => targetId,
    imageToScreen([x, y]) {
      const p = viewport.imageToViewerElementCoordinates(new OpenSeadragon.Point(x, y));
      return [p.x, p.y];
    },
    screenToImage([x, y]) {
      const p = viewport.viewerElementToImageCoordinates(new OpenSeadragon.Point(x, y));
      return [p.x, p.y];
    },
    imagePxPerScreenPx() {
      const a = viewport.viewerElementToImageCoordinates(new OpenSeadragon.Point(0, 0));
      const b = viewport.viewerElementToImageCoordinates(new OpenSeadragon.Point(1, 0));
      return Math.hypot(b.x - a.x, b.y - a.y);
    },
    visibleImageBox() {
      const rect = viewport.viewportToImageRectangle(viewport.getBounds(true));
      return { minX: rect.x, minY: rect.y, maxX: rect.x + rect.width, maxY: rect.y + rect.height };
    },
    rotation: () => viewport.getRotation(true),
    onViewChange(listener) {
      viewer.addHandler('update-viewport', listener);
      return () => viewer.removeHandler('update-viewport', listener);
    },
    destroy: () => viewer.destroy(),
  };
}
