/**
 * The ViewerAdapter of the slide viewer: OpenSeadragon's current (animated) view read as a
 * SlideView, the transforms computed by slideView.ts. Image px are level-0 px of the slide.
 */
import type OpenSeadragon from 'openseadragon';
import type { Point } from '../../core/annotation';
import type { Box } from '../../core/bounds';
import type { ViewerAdapter } from '../adapter';
import { imageToScreen, screenToImage, visibleImageBox, type SlideView } from './slideView';

export class OsdAdapter implements ViewerAdapter {
  readonly element: HTMLElement;
  private readonly listeners = new Set<() => void>();
  private opened = false;

  constructor(
    private readonly viewer: OpenSeadragon.Viewer,
    /** The slide's target id: on a slide every record's target is the item id. */
    private readonly slideTargetId: string,
  ) {
    this.element = viewer.element;
    viewer.addHandler('open', this.onOpen);
    // Raised once per animation frame in which the view moved or the element was resized, before the tiles are drawn.
    viewer.addHandler('viewport-change', this.notify);
  }

  /** The view now, in the numbers the transforms use. */
  view(): SlideView {
    const viewport = this.viewer.viewport;
    const size = viewport.getContainerSize();
    const image = this.opened ? this.viewer.world.getItemAt(0) : undefined;
    if (!image) return { width: size.x, height: size.y, center: [0, 0], scale: 1, rotation: 0 };
    const center = image.viewportToImageCoordinates(viewport.getCenter(true), true);
    return {
      width: size.x,
      height: size.y,
      center: [center.x, center.y],
      scale: image.viewportToImageZoom(viewport.getZoom(true)),
      rotation: viewport.getRotation(true),
    };
  }

  targetId(): string | null {
    return this.opened ? this.slideTargetId : null;
  }

  imageToScreen(point: Point): Point {
    return imageToScreen(this.view(), point);
  }

  screenToImage(point: Point): Point {
    return screenToImage(this.view(), point);
  }

  imagePxPerScreenPx(): number {
    return 1 / this.view().scale;
  }

  visibleImageBox(): Box {
    return visibleImageBox(this.view());
  }

  rotation(): number {
    return this.view().rotation;
  }

  onViewChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.viewer.removeHandler('open', this.onOpen);
    this.viewer.removeHandler('viewport-change', this.notify);
    this.listeners.clear();
  }

  private readonly onOpen = (): void => {
    this.opened = true;
    this.notify();
  };

  private readonly notify = (): void => {
    for (const listener of this.listeners) listener();
  };
}
