import type { ItemDetail } from '../core/api';
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
  /**
   * `path` is an item's detail: where it answers a slide, start its home view's tiles in a viewer
   * of this size at once (homeViewTiles), without waiting for the page to ask for them.
   */
  readonly homeView?: HomeView;
}

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

/**
 * The worker's side: each ask answered with its body read whole, an ok non-empty answer decoded
 * (a detail's is not). A slide's home-view tiles start as soon as its detail is in (see
 * TileAsk.homeView): they do not wait for the page, busy starting the app, to read the detail and
 * ask; the page's asks for them then take those answers, each once.
 */
export function tileAnswerer(get: typeof fetch, decode: DecodeImage): (ask: TileAsk) => Promise<TileAnswer> {
  const started = new Map<string, Promise<Answered>>();
  async function startHomeView(detail: Answered, authorization: string, { itemId, origin, viewport, pixelRatio }: HomeView): Promise<void> {
    if ('failed' in detail || detail.status !== 200) return;
    const content = (JSON.parse(await detail.body.text()) as Partial<ItemDetail>).item?.content;
    if (content?.kind !== 'slide' || slideProblem(content)) return;
    for (const { level, x, y } of homeViewTiles(content, viewport, pixelRatio)) {
      const path = `${origin}${slideTilePath(itemId, content.tileVersion, level, x, y)}`;
      if (!started.has(path)) started.set(path, fetchAndDecode(path, authorization, get, decode));
    }
  }
  return async ({ id, path, authorization, homeView }) => {
    const early = started.get(path);
    started.delete(path);
    const answered = await (early ?? fetchAndDecode(path, authorization, get, homeView ? null : decode));
    if (homeView) await startHomeView(answered, authorization, homeView).catch(() => undefined);
    return { id, ...answered };
  };
}
