/**
 * The early boot script's tile worker, page side (the worker: workers/earlyTile.worker.ts). On the
 * page, fetch → blob → createImageBitmap resolves step by step through a task queue busy
 * evaluating and rendering the app (wsi-tiles bench, cold: tile bytes in at ~320 ms, their
 * bitmaps at 710–800). In the worker the fetch and the decode wait for nothing of the page's, and
 * each tile reaches the page as one message: its answer, rebuilt as a Response for the app's
 * loader (status, type and body as the server gave them), and its bitmap. A worker that fails to
 * start leaves its tiles to the page's own fetch, undecoded.
 */
import EarlyTileWorker from '../../workers/earlyTile.worker.ts?worker&inline';
import type { SendGet } from './earlyRequests';
import type { SlideItem } from '../core/item';
import type { HomeView, TileAnswer, ToTileWorker } from './tileWorkerMessages';

/** The performance mark set as each decoded tile reaches the page (the wsi-tiles bench reads it). */
export const HOME_TILE_DECODED_MARK = 'mejirushi:home-tile-decoded';

/** The part of a Worker used here (a test stands in one that answers in its own thread). */
export interface TilePort {
  postMessage(message: ToTileWorker): void;
  onmessage: ((event: MessageEvent<TileAnswer>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface TileWorker {
  /** GET `path` in the worker; resolves with the answer as the server gave it, rejects as `fetch` does. */
  readonly send: SendGet;
  /** A slide's home-view tiles started in the worker now (its detail read by the page): `send` then takes them. */
  startHomeView(homeView: HomeView, slide: SlideItem, authorization: string): void;
  /** The bitmap of a tile sent through `send` (null where it was not an image that decoded), once; null for any other path. */
  takeBitmap(path: string): Promise<ImageBitmap | null> | null;
  /** Ends the worker once its answers are in; bitmaps nobody took are closed. */
  stop(): void;
}

/** Statuses whose Response may not have a body. */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

function responseOf(answer: Extract<TileAnswer, { status: number }>): Response {
  return new Response(NULL_BODY_STATUS.has(answer.status) ? null : answer.body, {
    status: answer.status,
    statusText: answer.statusText,
    headers: answer.contentType ? { 'content-type': answer.contentType } : {},
  });
}

const pageGet: SendGet = (path, authorization) => fetch(path, { headers: { authorization } });

/**
 * Inlined in this script (a blob: URL; the CSP's worker-src allows it): a worker file of its own
 * was one more round trip after this script's, 350–400 ms on a cold page busy with the app's
 * bundle (wsi-tiles bench), and the detail waited for it.
 */
function browserTilePort(): TilePort {
  return new EarlyTileWorker({ name: 'early-tiles' });
}

interface Waiting {
  readonly path: string;
  readonly authorization: string;
  answer(response: Promise<Response>): void;
  bitmap(bitmap: ImageBitmap | null): void;
}

export function startTileWorker(port: TilePort = browserTilePort()): TileWorker {
  const waiting = new Map<number, Waiting>();
  const bitmaps = new Map<string, Promise<ImageBitmap | null>>();
  let nextId = 0;
  let stopped = false;
  let broken = false;
  const endIfDone = () => {
    if (stopped && waiting.size === 0) port.terminate();
  };
  port.onmessage = ({ data }) => {
    const ask = waiting.get(data.id);
    if (!ask) return;
    waiting.delete(data.id);
    if ('failed' in data) {
      ask.answer(Promise.reject(new TypeError(data.failed)));
      ask.bitmap(null);
    } else {
      if (data.bitmap) performance.mark(HOME_TILE_DECODED_MARK);
      ask.answer(Promise.resolve(responseOf(data)));
      ask.bitmap(data.bitmap);
    }
    endIfDone();
  };
  port.onerror = () => {
    broken = true;
    for (const ask of waiting.values()) {
      ask.answer(pageGet(ask.path, ask.authorization));
      ask.bitmap(null);
    }
    waiting.clear();
    port.terminate();
  };
  const ask = (path: string, authorization: string): Promise<Response> => {
    // Stopped: perhaps terminated already.
    if (broken || stopped) return pageGet(path, authorization);
    let answer: (response: Promise<Response>) => void = () => undefined;
    let bitmap: (bitmap: ImageBitmap | null) => void = () => undefined;
    const response = new Promise<Response>((resolve) => (answer = resolve));
    const decoded = new Promise<ImageBitmap | null>((resolve) => (bitmap = resolve));
    bitmaps.set(path, decoded);
    const id = nextId++;
    waiting.set(id, { path, authorization, answer, bitmap });
    port.postMessage({ id, path, authorization });
    return response;
  };
  return {
    send: (path, authorization) => ask(path, authorization),
    startHomeView(homeView, slide, authorization) {
      if (!broken && !stopped) port.postMessage({ homeView, slide, authorization });
    },
    takeBitmap(path) {
      const bitmap = bitmaps.get(path);
      if (!bitmap) return null;
      bitmaps.delete(path);
      return bitmap;
    },
    stop() {
      stopped = true;
      for (const bitmap of bitmaps.values()) void bitmap.then((unwanted) => unwanted?.close());
      bitmaps.clear();
      endIfDone();
    },
  };
}
