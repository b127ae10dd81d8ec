import type { MaskToolPreview } from '../../core/masks/tools/maskTool';

/**
 * Whether the mask layer has anything to draw on the slice shown: a stored mask, or the active
 * tool's preview (labels, brush outline, contour). A layer with nothing to draw that never drew
 * needs no canvas bitmap nor 2D context at all: over a slice without masks (the usual first
 * frame) they were made, cleared and composited in the commit that shows the slice.
 */
export function layerHasContent(sliceShown: boolean, maskCount: number, preview: MaskToolPreview | null): boolean {
  if (!sliceShown) return false;
  if (maskCount > 0) return true;
  return preview !== null && (preview.labels !== undefined || preview.brush !== undefined || (preview.contour?.length ?? 0) > 0);
}
