/**
 * Which caching strategy the service worker uses for a request. Pure, so the routing table is
 * tested without a browser; `sw.ts` only carries the strategies out.
 */
export type SwRoute =
  /** Navigations: network first, else the cached app shell. */
  | 'shell'
  /** Item files (frame images, sprite sheets): immutable, cache first, kept on first fetch. */
  | 'file'
  /** Content-hashed build output: cache first. */
  | 'asset'
  /** Other same-origin static files (favicon, manifest): network, else cache. */
  | 'static'
  /** Left to the browser: other /api calls, writes, other origins. */
  | 'passThrough';

export interface RouteRequest {
  readonly method: string;
  readonly mode: string;
  readonly url: string;
}

/**
 * Item files whose bytes never change under their URL: a frame's image (its target id names one
 * stored file) and a sprite sheet (its version names one manifest, so one sheet). A series' DICOM
 * files are kept by the page itself (offline/keptFiles.ts), so they pass through.
 */
const FILE_PATHS = [
  /^\/api\/items\/[^/]+\/frames\/[^/]+$/,
  /^\/api\/items\/[^/]+\/sprites\/[^/]+\/\d+$/,
];

/** A series' DICOM files as a URLPattern pathname, for the worker's static route (see sw.ts). */
export const SERIES_FILE_PATTERN = '/api/items/:itemId/files/:fileId';

export function routeFor(request: RouteRequest, origin: string): SwRoute {
  if (request.method !== 'GET') return 'passThrough';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'passThrough';
  if (request.mode === 'navigate') return 'shell';
  if (FILE_PATHS.some((path) => path.test(url.pathname))) return 'file';
  if (url.pathname.startsWith('/api/')) return 'passThrough';
  if (url.pathname.startsWith('/assets/')) return 'asset';
  return 'static';
}

/**
 * The model runtime's WASM (≈ 28 MB): needed only once someone runs a model, and kept then by the
 * asset route's cache-first on that first fetch; precaching it would make every first visit
 * download it.
 */
const NOT_PRECACHED = /^\/assets\/ort-wasm-[^/]*\.wasm$/;

/**
 * What install precaches: the server's list of built files plus `/`, without the worker itself
 * and the model runtime.
 */
export function precacheList(listing: unknown): string[] {
  if (!Array.isArray(listing) || !listing.every((entry) => typeof entry === 'string')) {
    throw new Error('/app-files.json is not a list of URLs');
  }
  return [...new Set(['/', ...(listing as string[])])].filter((url) => url !== '/sw.js' && !NOT_PRECACHED.test(url));
}
