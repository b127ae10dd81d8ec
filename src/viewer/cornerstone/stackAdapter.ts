/**
 * The ViewerAdapter of the series viewer: one Cornerstone StackViewport, its current slice's
 * image px (see stackTransforms.ts for the pixel convention) ↔ CSS px of the viewport element.
 */
import { Enums, type StackViewport } from '@cornerstonejs/core';
import type { Point } from '../../core/annotation';
import type { Box } from '../../core/bounds';
import type { ViewerAdapter } from '../adapter';
import { renderedPlane } from '../canvasMapping';
import type { RenderMode } from './renderMode';
import { stackCanvasToImage, stackImageToCanvas } from './stackTransforms';

/** Events after which what is on screen may have moved: pan/zoom/rotation, a new slice, a resize. */
const VIEW_EVENTS = [Enums.Events.CAMERA_MODIFIED, Enums.Events.STACK_NEW_IMAGE, Enums.Events.IMAGE_RENDERED] as const;

export class StackAdapter implements ViewerAdapter {
  readonly element: HTMLElement;
  private readonly listeners = new Set<() => void>();
  private frame: number | null = null;

  constructor(
    private readonly viewport: StackViewport,
    private readonly renderMode: RenderMode,
    /** Target id of the slice whose image is on screen, or null while none is. */
    private readonly shownTarget: () => string | null,
  ) {
    this.element = viewport.element;
    for (const type of VIEW_EVENTS) this.element.addEventListener(type, this.schedule);
  }

  targetId(): string | null {
    return this.viewport.getCornerstoneImage() ? this.shownTarget() : null;
  }

  imageToScreen(point: Point): Point {
    return stackImageToCanvas(this.viewport, this.plane(), this.renderMode, point);
  }

  screenToImage(point: Point): Point {
    return stackCanvasToImage(this.viewport, this.plane(), this.renderMode, point);
  }

  imagePxPerScreenPx(): number {
    const [ax, ay] = this.screenToImage([0, 0]);
    const [bx, by] = this.screenToImage([1, 0]);
    return Math.hypot(bx - ax, by - ay);
  }

  visibleImageBox(): Box {
    const width = this.element.clientWidth;
    const height = this.element.clientHeight;
    const corners = ([[0, 0], [width, 0], [width, height], [0, height]] as const).map((corner) => this.screenToImage(corner));
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
  }

  rotation(): number {
    return this.viewport.getRotation();
  }

  onViewChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The slice known to be on screen changed: the page learns it a render after Cornerstone's own
   * events, so overlays that placed nothing while no slice was known hear it as a change of view.
   */
  shownTargetChanged(): void {
    this.schedule();
  }

  destroy(): void {
    for (const type of VIEW_EVENTS) this.element.removeEventListener(type, this.schedule);
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.listeners.clear();
  }

  private plane() {
    const image = this.viewport.getCornerstoneImage();
    if (!image) throw new Error('No slice is on screen: image coordinates are undefined');
    return renderedPlane(image.imageId);
  }

  /** Cornerstone may raise several of these in one frame: listeners hear once per frame. */
  private readonly schedule = (): void => {
    this.frame ??= requestAnimationFrame(() => {
      this.frame = null;
      for (const listener of this.listeners) listener();
    });
  };
}
