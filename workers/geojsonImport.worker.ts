/**
 * Reads a GeoJSON file of outlines off the main thread (a 100,000-feature file is tens of MB of
 * JSON): see src/core/exchange/messages.ts for the conversation and importDriver.ts for the work.
 */
import { driveImport } from '../src/core/exchange/importDriver';
import type { ImportRequest, ImportResponse } from '../src/core/exchange/messages';

/** The part of a dedicated worker's global scope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: ImportResponse): void;
  onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
let cancelled = false;

/** A macrotask, so a `cancel` posted meanwhile is delivered before the next step. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'cancel') {
    cancelled = true;
    return;
  }
  cancelled = false;
  driveImport(request.bytes, request.slide, request.chunkSize, { post: (m) => scope.postMessage(m), pause, cancelled: () => cancelled }).catch((error: unknown) =>
    scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
};
