/**
 * The early boot script's tile worker (src/early/tileWorker.ts): fetches a slide's home view's
 * tiles, decoded, off the page's main thread; each answer goes back with its bitmap transferred.
 */
import { heard, tileAnswerer, TILE_DECODE_OPTIONS, type TileAnswer, type ToTileWorker } from '../src/early/tileWorkerMessages';

/** The part of a dedicated worker's global scope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: TileAnswer, options: { transfer: Transferable[] }): void;
  onmessage: ((event: MessageEvent<ToTileWorker>) => void) | null;
}

const scope = self as unknown as WorkerScope;
// Inlined as a blob: URL (src/early/tileWorker.ts), against which a path does not resolve; a blob:
// URL's origin is its page's.
const pageOrigin = new URL(self.location.href).origin;
const get: typeof fetch = (input, init) => fetch(typeof input === 'string' ? new URL(input, pageOrigin) : input, init);
const answerer = tileAnswerer(get, (image) => createImageBitmap(image, TILE_DECODE_OPTIONS));

scope.onmessage = ({ data }) => {
  void heard(answerer, data)?.then((answer) =>
    scope.postMessage(answer, { transfer: 'bitmap' in answer && answer.bitmap ? [answer.bitmap] : [] }),
  );
};
