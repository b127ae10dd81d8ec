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

/** The worker's answer to one ask: its body read whole, an ok non-empty answer decoded. */
export async function answerTileAsk({ id, path, authorization }: TileAsk, get: typeof fetch, decode: DecodeImage): Promise<TileAnswer> {
  try {
    const response = await get(path, { headers: { authorization } });
    const body = await response.blob();
    const bitmap = response.ok && body.size > 0 ? await decode(body).catch(() => null) : null;
    return { id, status: response.status, statusText: response.statusText, contentType: response.headers.get('content-type'), body, bitmap };
  } catch (error) {
    return { id, failed: String(error) };
  }
}
