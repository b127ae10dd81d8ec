/**
 * The early boot script's half of the slice decoded ahead (src/viewer/cornerstone/firstSliceAhead.ts):
 * the slice a series opens on, its bytes from this device's kept copy or else the early request
 * (which the app's own request for the file takes over, earlyRequests.ts), decoded as soon as
 * Cornerstone is initialised. For a series this device has opened, the slice comes from the
 * synchronous copy of the reading place (shownSliceCopy.ts), so nothing waits on IndexedDB.
 */
import type { LoginResponse } from '../core/api';
import { seriesFilePath } from '../data/seriesFilePath';
import { shownSliceOf, shownWindowOf, type ShownSlice, type ShownWindow } from '../data/shownSliceCopy';
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
 * compiles; resolves once it is in Cornerstone's cache. A failure only loses the head start (the
 * viewer loads the slice itself): the promise never rejects, it resolves false.
 */
export function decodeEarly(itemId: string, slice: ShownSlice, token: string): Promise<boolean> {
  const load = earlyFileLoader(itemId, token);
  const bytes = load(slice.fileId);
  bytes.catch(() => undefined);
  return decodeSliceAhead(slice, (fileId) => (fileId === slice.fileId ? bytes : load(fileId))).then(
    () => true,
    () => false,
  );
}

/** The slice a reader was on in a series this device has opened, in their window, being decoded ahead. */
export interface KeptSliceAhead {
  readonly slice: ShownSlice;
  readonly window: ShownWindow | null;
  /** True once decoded into Cornerstone's cache; false if it could not be. */
  readonly decoded: Promise<boolean>;
}

/** For a series this device has opened: the slice its reader was on, decoded ahead; null when no copy says which. */
export function decodeKeptSliceEarly(itemId: string, login: LoginResponse, storage: Pick<Storage, 'getItem'> | null): KeptSliceAhead | null {
  const slice = shownSliceOf(storage, login.user.id, itemId);
  if (!slice) return null;
  return { slice, window: shownWindowOf(storage, login.user.id, itemId), decoded: decodeEarly(itemId, slice, login.token) };
}
