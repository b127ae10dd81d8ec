import type { SlideItem } from '../core/item';
import { slideTilePath } from '../data/slideTilePath';
import { slideProblem } from '../viewer/slide/slidePyramid';
import { homeViewTiles, type ViewerSize } from '../viewer/slide/tilePrefetch';

/**
 * What the page and the early tile worker (workers/earlyTile.worker.ts) say to each other, and
 * the worker's whole job, here so a test can run it over real HTTP without a Worker.
 */

/** Decodes like OpenSeadragon's own blob → ImageBitmap conversion, so the pixels are the same. */
export const TILE_DECODE_OPTIONS: ImageBitmapOptions = { colorSpaceConversion: 'none' };

/** GET `path` with this authorization header, and decode the image it answers. */
export interface TileAsk {
  readonly id: number;
  readonly path: string;
  readonly authorization: string;
}

/**
 * A slide whose detail the page has read: its home view's tiles in a viewer of this size started
 * at once (homeViewTiles), without waiting for the page to ask for them. Not answered.
 */
export interface HomeViewStart {
  readonly homeView: HomeView;
  readonly slide: SlideItem;
  readonly authorization: string;
}

/** What the page says to the worker. */
export type ToTileWorker = TileAsk | HomeViewStart;

export interface HomeView {
  readonly itemId: string;
  /** Before each tile's path, as before the detail's ('' in the page). */
  readonly origin: string;
  readonly viewport: ViewerSize;
  readonly pixelRatio: number;
}

export type TileAnswer =
  /** The server's answer as it gave it; `bitmap` where it was an image that decoded. */
  | {
      readonly id: number;
      readonly status: number;
      readonly statusText: string;
      readonly contentType: string | null;
      readonly body: Blob;
      readonly bitmap: ImageBitmap | null;
    }
  /** No answer: the request failed as a `fetch` rejects (offline, refused connection). */
  | { readonly id: number; readonly failed: string };

export type DecodeImage = (image: Blob) => Promise<ImageBitmap>;

type Answered = Omit<Extract<TileAnswer, { status: number }>, 'id'> | { readonly failed: string };

async function fetchAndDecode(path: string, authorization: string, get: typeof fetch, decode: DecodeImage | null): Promise<Answered> {
  try {
    const response = await get(path, { headers: { authorization } });
    const body = await response.blob();
    const bitmap = decode && response.ok && body.size > 0 ? await decode(body).catch(() => null) : null;
    return { status: response.status, statusText: response.statusText, contentType: response.headers.get('content-type'), body, bitmap };
  } catch (error) {
    return { failed: String(error) };
  }
}

/** The worker's side: answers asks, and starts the home views it is told of. */
export interface TileAnswerer {
  /** The ask answered with its body read whole, an ok non-empty answer decoded; a started home-view tile's request taken, once. */
  answer(ask: TileAsk): Promise<TileAnswer>;
  /** A slide's home-view tiles started now: the page's asks for them then take those requests, each once. */
  startHomeView(start: HomeViewStart): void;
}

/** Runs what the page said: an ask answered, a home view started (nothing to answer: null). */
export function heard(answerer: TileAnswerer, message: ToTileWorker): Promise<TileAnswer> | null {
  if ('id' in message) return answerer.answer(message);
  answerer.startHomeView(message);
  return null;
}

/**
 * The worker's side, its requests made with `get` and its tiles decoded with `decode`. A slide's
 * home-view tiles start as soon as the page has read its detail and said so (HomeViewStart): they
 * do not wait for the page, busy starting the app, to ask for each.
 */
export function tileAnswerer(get: typeof fetch, decode: DecodeImage): TileAnswerer {
  const started = new Map<string, Promise<Answered>>();
  return {
    async answer({ id, path, authorization }) {
      const early = started.get(path);
      started.delete(path);
      return { id, ...(await (early ?? fetchAndDecode(path, authorization, get, decode))) };
    },
    startHomeView({ homeView: { itemId, origin, viewport, pixelRatio }, slide, authorization }) {
      if (slideProblem(slide)) return;
      for (const { level, x, y } of homeViewTiles(slide, viewport, pixelRatio)) {
        const path = `${origin}${slideTilePath(itemId, slide.tileVersion, level, x, y)}`;
        if (!started.has(path)) started.set(path, fetchAndDecode(path, authorization, get, decode));
      }
    },
  };
}
