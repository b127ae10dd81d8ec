import { precacheList, routeFor, SERIES_FILE_PATTERN } from './swRoutes';

/**
 * Service worker (built on its own as /sw.js; what it imports is bundled into it): keeps the app shell and
 * every item file already viewed (DICOM files, frame images, sprite sheets) available offline.
 * - install: precache the built files the server lists at /app-files.json, plus `/`;
 * - navigations: network first, else the cached shell (the SPA router handles the path);
 * - /assets/*: cache first (names are content-hashed);
 * - GET …/frames/:targetId, …/sprites/:version/:sheet: cache first, stored on first fetch
 *   (immutable);
 * - GET /api/items/:id/files/:fileId (a series' DICOM files): never seen by the worker (a static
 *   route to the network where the browser has them, else passed through): the page keeps them
 *   itself (offline/keptFiles.ts), so their bytes no longer wait for this thread;
 * - any other /api request: network only (the app's own IndexedDB holds offline data).
 * Annotation data never passes through these caches.
 */

// The service worker types live in the WebWorker lib, which clashes with the DOM lib the rest of
// the project compiles against; these are the few parts used here.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
/** Chromium 123+: routes the browser follows without starting the worker or asking its fetch handler. */
interface InstallEvent extends ExtendableEvent {
  addRoutes?(rules: readonly { condition: { urlPattern: { pathname: string }; requestMethod: string }; source: 'network' }[]): Promise<void>;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
  readonly ports: readonly MessagePort[];
}
interface ServiceWorkerScope {
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
  addEventListener(type: 'install', listener: (event: InstallEvent) => void): void;
  addEventListener(type: 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
}

const worker = self as unknown as ServiceWorkerScope;

/** Replaced at build time by a hash of the build (see vite.config.ts). */
const BUILD_ID = '__MEJIRUSHI_BUILD_ID__';
const CACHE_PREFIX = 'mejirushi-';
const SHELL_CACHE = `${CACHE_PREFIX}shell-${BUILD_ID}`;
/** Files are immutable and outlive app versions, so this name carries no build id. */
const FILES_CACHE = `${CACHE_PREFIX}files-v1`;

async function precacheShell(): Promise<void> {
  const listing = await fetch('/app-files.json', { cache: 'no-store' });
  if (!listing.ok) throw new Error(`/app-files.json answered ${listing.status}`);
  const urls = precacheList(await listing.json());
  const cache = await caches.open(SHELL_CACHE);
  // `reload` skips the HTTP cache, so the shell is exactly what this build served.
  await cache.addAll(urls.map((url) => new Request(url, { cache: 'reload' })));
}

worker.addEventListener('install', (event) => {
  const routed = event.addRoutes?.([{ condition: { urlPattern: { pathname: SERIES_FILE_PATTERN }, requestMethod: 'GET' }, source: 'network' }]);
  // A browser refusing the route still passes these requests through (routeFor).
  event.waitUntil(Promise.all([precacheShell(), routed?.catch(() => undefined)]).then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names
          .filter((name) => name.startsWith(CACHE_PREFIX) && name !== SHELL_CACHE && name !== FILES_CACHE)
          .map((name) => caches.delete(name)),
      );
      await worker.clients.claim();
    })(),
  );
});

/** The page asks for `clear-files` at sign-out, so the next user of the browser starts clean. */
worker.addEventListener('message', (event) => {
  const data = event.data as { type?: unknown } | null;
  if (data?.type !== 'clear-files') return;
  event.waitUntil(
    caches.delete(FILES_CACHE).then(() => {
      for (const port of event.ports) port.postMessage({ type: 'files-cleared' });
    }),
  );
});

async function networkFirstShell(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const cache = await caches.open(SHELL_CACHE);
    const shell = (await cache.match('/index.html')) ?? (await cache.match('/'));
    if (shell) return shell;
    throw error;
  }
}

async function cacheFirst(event: FetchEvent, cacheName: string): Promise<Response> {
  const { request } = event;
  const cache = await caches.open(cacheName);
  // By URL alone: the request's Authorization header must not split the entry.
  const cached = await cache.match(request.url, { ignoreVary: true, ignoreSearch: false });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.status === 200) {
    // Stored beside the page's read, not before it: awaiting the put held the page's answer until
    // the whole body was in the cache (a DICOM file's first view paid ~200 ms). Best effort: a
    // response the cache refuses (Vary: *) is still served.
    event.waitUntil(cache.put(request.url, response.clone()).catch(() => undefined));
  }
  return response;
}

async function networkThenCache(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(request, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  switch (routeFor(request, worker.location.origin)) {
    case 'shell':
      return event.respondWith(networkFirstShell(request));
    case 'file':
      return event.respondWith(cacheFirst(event, FILES_CACHE));
    case 'asset':
      return event.respondWith(cacheFirst(event, SHELL_CACHE));
    case 'static':
      return event.respondWith(networkThenCache(request));
    case 'passThrough':
      return;
  }
});
