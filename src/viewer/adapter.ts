/**
 * The one interface every viewer offers to what is drawn over it and to the tools: the
 * Cornerstone viewer of slices and frames and the OpenSeadragon viewer of slides are two adapters
 * of it. Image coordinates are the record's (image px of a slice or frame, level-0 px of a slide;
 * origin top-left, x right, y down); screen coordinates are CSS px relative to `element`.
 */
import type { Point } from '../core/annotation';
import type { Box } from '../core/bounds';

export interface ViewerAdapter {
  /** The element the image is drawn in; overlays are stacked on it at the same size. */
  readonly element: HTMLElement;
  /** The image (target) shown now, or null while none is on screen. */
  targetId(): string | null;
  /** Image px → screen px (rotation and flips included). */
  imageToScreen(point: Point): Point;
  /** Screen px → image px. */
  screenToImage(point: Point): Point;
  /** Image px covered by one screen px at the current zoom (hit tolerances, level of detail). */
  imagePxPerScreenPx(): number;
  /** The part of the image on screen, in image px (the axis-aligned box around it when rotated). */
  visibleImageBox(): Box;
  /** Rotation of the image on screen, clockwise degrees (0 for viewers that cannot rotate). */
  rotation(): number;
  /** Called after every change of view (pan, zoom, rotation, resize, another image), once per frame at most. */
  onViewChange(listener: () => void): () => void;
  destroy(): void;
}
