import type { SliceRef } from '../../core/item';

/**
 * Image ids of the viewer's own scheme: `mejirushi:<fileId>` plus `?frame=N` (1-based) for a frame
 * of a multi-frame file, the frame syntax the DICOM image loader parses. Bytes come from the
 * page's `loadFile`, never from a URL Cornerstone would fetch without the user's token.
 */
export const IMAGE_ID_SCHEME = 'mejirushi';

export function fileImageId(fileId: string): string {
  return `${IMAGE_ID_SCHEME}:${encodeURIComponent(fileId)}`;
}

export function sliceImageId(slice: Pick<SliceRef, 'fileId' | 'frame'>): string {
  const base = fileImageId(slice.fileId);
  return slice.frame === undefined ? base : `${base}?frame=${slice.frame}`;
}

/** The file id inside one of our image ids (with or without a frame). */
export function fileIdOf(imageId: string): string {
  const prefix = `${IMAGE_ID_SCHEME}:`;
  if (!imageId.startsWith(prefix)) throw new Error(`Not a ${IMAGE_ID_SCHEME} image id: ${imageId}`);
  const rest = imageId.slice(prefix.length);
  const query = rest.indexOf('?');
  return decodeURIComponent(query === -1 ? rest : rest.slice(0, query));
}
