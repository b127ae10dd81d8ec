/**
 * Where a frame's pixels lie on screen in the large view, and the image↔screen mapping the region
 * tools and overlay work in. The view shows the frame in an <img> (object-fit: contain, scaled by
 * the zoom), so the mapping is read from the element's box as laid out (CSS transform included)
 * rather than recomputed from the stylesheet: it stays right whatever the layout does.
 */
import type { Point } from '../../../core/annotation';
import type { ImageSize } from '../../../core/geometry/round';

/** A box in CSS px relative to the region layer (which covers the stage). */
export interface ScreenBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The frame image px ↔ layer CSS px mapping (origin top-left both; a zoom scales, nothing rotates). */
export interface FrameMapping {
  /** Where the frame's pixels are drawn. */
  readonly box: ScreenBox;
  /** The frame's size in image px. */
  readonly size: ImageSize;
  imageToScreen(point: Point): Point;
  screenToImage(point: Point): Point;
  /** Image px covered by one screen px (tool tolerances are in screen px). */
  readonly imagePxPerScreenPx: number;
}

/** The part of `element` an image of `size` fills under object-fit: contain (centred, aspect kept). */
export function containedBox(element: ScreenBox, size: ImageSize): ScreenBox {
  const scale = Math.min(element.width / size.width, element.height / size.height);
  const width = size.width * scale;
  const height = size.height * scale;
  return { left: element.left + (element.width - width) / 2, top: element.top + (element.height - height) / 2, width, height };
}

/** The mapping of a frame of `size` shown in `element` (its laid-out box), or null while it has no area (not loaded yet). */
export function frameMapping(element: ScreenBox, size: ImageSize): FrameMapping | null {
  if (element.width <= 0 || element.height <= 0 || size.width <= 0 || size.height <= 0) return null;
  const box = containedBox(element, size);
  const scale = box.width / size.width;
  return {
    box,
    size,
    imageToScreen: ([x, y]) => [box.left + x * scale, box.top + y * scale],
    screenToImage: ([x, y]) => [(x - box.left) / scale, (y - box.top) / scale],
    imagePxPerScreenPx: 1 / scale,
  };
}

/** `element`'s box relative to `layer`'s, from their client rects (transforms included). */
export function boxWithin(element: DOMRectReadOnly, layer: DOMRectReadOnly): ScreenBox {
  return { left: element.left - layer.left, top: element.top - layer.top, width: element.width, height: element.height };
}
