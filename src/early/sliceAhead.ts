/**
 * The early boot script's half of the slice decoded ahead (src/viewer/cornerstone/firstSliceAhead.ts):
 * the slice a series opens on, its bytes from this device's kept copy or else the early request
 * (which the app's own request for the file takes over, earlyRequests.ts), decoded as soon as
 * Cornerstone is initialised. For a series this device has opened, the slice comes from the
 * synchronous copy of the reading place (shownSliceCopy.ts), so nothing waits on IndexedDB.
 */
import type { LoginResponse } from '../core/api';
import { seriesFilePath } from '../data/seriesFilePath';
import { shownSliceOf, type ShownSlice } from '../data/shownSliceCopy';
import { keptFileUrl, keptFiles } from '../offline/keptFiles';
import type { LoadFile } from '../viewer/cornerstone/fileRegistry';
import { decodeSliceAhead } from '../viewer/seriesViewerStart';
import { requestEarly } from './earlyRequests';

/** A series file for the early script: the kept copy, else GET with the stored login's token. */
export function earlyFileLoader(itemId: string, token: string): LoadFile {
  return (fileId) =>
    keptFiles.load(keptFileUrl(window.location.origin, itemId, fileId), async () => {
      const answer = await requestEarly(seriesFilePath(itemId, fileId), token);
      if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
      return answer.arrayBuffer();
    });
}

/**
 * Decodes `slice` of the item ahead, its bytes read now, while Cornerstone's chunk still loads and
 * compiles; a failure only loses the head start (the viewer loads the slice itself).
 */
export function decodeEarly(itemId: string, slice: ShownSlice, token: string): void {
  const load = earlyFileLoader(itemId, token);
  const bytes = load(slice.fileId);
  bytes.catch(() => undefined);
  decodeSliceAhead(slice, (fileId) => (fileId === slice.fileId ? bytes : load(fileId))).catch(() => undefined);
}

/** For a series this device has opened: the slice its reader was on, decoded ahead; false when no copy says which. */
export function decodeKeptSliceEarly(itemId: string, login: LoginResponse, storage: Pick<Storage, 'getItem'> | null): boolean {
  const slice = shownSliceOf(storage, login.user.id, itemId);
  if (!slice) return false;
  decodeEarly(itemId, slice, login.token);
  return true;
}
