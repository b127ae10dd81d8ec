/**
 * A stand-in for the early tile worker where tests have no Worker: runs the worker's own code
 * (tileAnswerer, real fetch) in the test's thread; a tile "decodes" to a bitmap holding the
 * tile's text that records its closing.
 */
import type { TilePort } from '../tileWorker';
import { heard, tileAnswerer } from '../tileWorkerMessages';

export interface StandInBitmap {
  readonly text: string;
  closed: boolean;
  close(): void;
}

export function inThreadTilePort(made: StandInBitmap[] = []): TilePort & { terminated: boolean } {
  const decode = async (image: Blob) => {
    const bitmap: StandInBitmap = { text: await image.text(), closed: false, close: () => void (bitmap.closed = true) };
    made.push(bitmap);
    return bitmap as unknown as ImageBitmap; // the stand-in has what the page's code uses of an ImageBitmap
  };
  const answerer = tileAnswerer(fetch, decode);
  const port = {
    terminated: false,
    postMessage(message: Parameters<TilePort['postMessage']>[0]) {
      void heard(answerer, message)?.then((answered) => port.onmessage?.({ data: answered } as MessageEvent));
    },
    onmessage: null as TilePort['onmessage'],
    onerror: null as TilePort['onerror'],
    terminate() {
      port.terminated = true;
    },
  };
  return port;
}
