/**
 * The early boot script's tile worker (src/early/tileWorker.ts): fetches and decodes the home
 * view's tiles off the page's main thread; each answer goes back with its bitmap transferred.
 */
import { answerTileAsk, TILE_DECODE_OPTIONS, type TileAnswer, type TileAsk } from '../src/early/tileWorkerMessages';

/** The part of a dedicated worker's global scope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: TileAnswer, options: { transfer: Transferable[] }): void;
  onmessage: ((event: MessageEvent<TileAsk>) => void) | null;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = ({ data }) => {
  void answerTileAsk(data, fetch, (image) => createImageBitmap(image, TILE_DECODE_OPTIONS)).then((answer) =>
    scope.postMessage(answer, { transfer: 'bitmap' in answer && answer.bitmap ? [answer.bitmap] : [] }),
  );
};
