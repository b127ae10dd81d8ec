/**
 * A series' DICOM files already viewed, kept for reading offline: cache first (a file never
 * changes under its URL), else the server, whose answer is stored for next time.
 *
 * Done in the page, not in the service worker: through the worker each file waited for the
 * worker's thread (its start, the fetch event, the asset requests it was answering) and was
 * streamed through it: 382 ms for a 512² CT slice the worker did not hold yet against 37 ms
 * straight from the server for the bare page (bench first-image, warm, one run under load). The
 * worker leaves these URLs to the network (swRoutes, sw.ts); storing here also keeps the files of
 * a first visit, before the worker controls the page.
 */

import { seriesFilePath } from '../data/seriesFilePath';

/** What the file cache needs of the Cache API (a fake in tests). */
export interface FileStore {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
}

/**
 * The cache's name: the one the service worker kept files in before (sw.ts's FILES_CACHE), so
 * files kept then are still read, and the worker's sign-out clearing and its activation (which
 * keeps this name) treat them as before. sw.ts cannot import it (a module shared with the page
 * would split sw.js into chunks a worker cannot load).
 */
export const KEPT_FILES_CACHE_NAME = 'mejirushi-files-v1';

/** The cache key of a series file: its absolute URL, as the worker stored it. */
export function keptFileUrl(origin: string, itemId: string, fileId: string): string {
  return `${origin}${seriesFilePath(itemId, fileId)}`;
}

export class KeptFiles {
  /** `open` answers null where there is no Cache API (insecure context, private mode): nothing is kept. */
  constructor(private readonly open: () => Promise<FileStore | null>) {}

  /** The file's bytes: kept ones when there are, else `fetchBytes`'s, kept for next time. */
  async load(url: string, fetchBytes: () => Promise<ArrayBuffer>): Promise<ArrayBuffer> {
    const kept = await this.read(url);
    if (kept) return kept;
    const bytes = await fetchBytes();
    // The Response copies the bytes now: the loader may hand the buffer to a worker afterwards.
    this.keep(url, new Response(bytes));
    return bytes;
  }

  private async read(url: string): Promise<ArrayBuffer | null> {
    try {
      const store = await this.open();
      const response = await store?.match(url);
      return response ? await response.arrayBuffer() : null;
    } catch {
      return null;
    }
  }

  /** Best effort, not waited for: a refused store (quota) only means the file is fetched again. */
  private keep(url: string, response: Response): void {
    void this.open()
      .then((store) => store?.put(url, response))
      .catch(() => undefined);
  }
}

function browserFileStore(): Promise<FileStore | null> {
  if (typeof caches === 'undefined') return Promise.resolve(null);
  // Opened each time: a sign-out deletes the cache, and a handle opened before would keep writing into the deleted one.
  return caches.open(KEPT_FILES_CACHE_NAME);
}

/** The page's kept series files. */
export const keptFiles = new KeptFiles(browserFileStore);

/** Drops the kept series files (sign-out). */
export async function dropKeptFiles(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(KEPT_FILES_CACHE_NAME).catch(() => false);
}
