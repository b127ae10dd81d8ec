/**
 * The slice an item opens on, decoded into Cornerstone's cache right after `initCornerstone`,
 * before the reading room has mounted its viewport: the viewport's own load of that image id then
 * finds it in the cache (same image id, same loader options) and draws at once. The file is bound
 * to the viewer's `mejirushi:` loader only for this decode; the viewer binds it again when it
 * mounts, and the parsed file stays in the registry meanwhile.
 */
import { Enums, imageLoader } from '@cornerstonejs/core';
import type { SliceRef } from '../../core/item';
import { bindFiles, type LoadFile } from './fileRegistry';
import { sliceImageId } from './imageIds';
import { initCornerstone } from './init';
import { SLICE_DECODED_MARK } from './readyMark';
import type { RenderMode } from './renderMode';

/** The options the stack viewport loads with (StackViewport's CPU path, else getLoaderImageOptions), so the cached image is the one it would load. */
export function viewportLoadOptions(renderMode: RenderMode): Parameters<typeof imageLoader.loadAndCacheImage>[1] {
  // Passed on to the DICOM image loader, which Cornerstone's option type does not describe.
  const options = { useRGBA: renderMode === 'cpu', priority: -5, requestType: Enums.RequestType.Interaction };
  return options;
}

const asked = new Set<string>();

/** Decodes the slice once per page (a second ask, from the early script or the app, shares nothing and costs nothing). */
export async function decodeFirstSliceAhead(slice: Pick<SliceRef, 'fileId' | 'frame'>, loadFile: LoadFile): Promise<void> {
  const imageId = sliceImageId(slice);
  if (asked.has(imageId)) return;
  asked.add(imageId);
  const { renderMode } = initCornerstone();
  const unbind = bindFiles([slice.fileId], loadFile);
  try {
    await imageLoader.loadAndCacheImage(imageId, viewportLoadOptions(renderMode));
    performance.mark(SLICE_DECODED_MARK, { detail: imageId });
  } finally {
    unbind();
  }
}
