/**
 * The inference worker: onnxruntime-web runs here, never on the page (see ortSetup.ts for its
 * settings and host.ts for the work itself), and frames sent as files are decoded (encodedImage.ts).
 */
import { decodeOffscreen } from './encodedImage';
import { createInferenceHost } from './host';
import type { InferenceRequest, InferenceResponse } from './messages';
import { configureOrt, webGpuUnavailable } from './ortSetup';

/** The part of a dedicated worker's global scope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  readonly name: string;
  readonly crossOriginIsolated: boolean;
  postMessage(message: InferenceResponse): void;
  onmessage: ((event: MessageEvent<InferenceRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;

// onnxruntime's WASM threads load this same file again as workers named `em-pthread…`; they must
// not answer the page's messages.
if (!scope.name.startsWith('em-pthread')) {
  const wasmThreads = configureOrt(scope.crossOriginIsolated);
  // The adapter is asked for once per answer kind (with and without software allowed).
  const webGpuChecks = new Map<boolean, Promise<string | null>>();
  const host = createInferenceHost((response) => scope.postMessage(response), {
    webGpuUnavailable: (allowSoftware) => {
      const check = webGpuChecks.get(allowSoftware) ?? webGpuUnavailable(allowSoftware);
      webGpuChecks.set(allowSoftware, check);
      return check;
    },
    wasmThreads,
  }, decodeOffscreen);
  scope.onmessage = (event) => host.handle(event.data);
}
