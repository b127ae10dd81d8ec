/**
 * The de-identification worker: files are read, de-identified and redacted here, never on the
 * page, so a thousand-file upload does not freeze it (host.ts holds the work itself).
 */
import { createDeidHost } from './host';
import type { DeidRequest, DeidResponse } from './messages';

/** The part of a dedicated worker's global scope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: DeidResponse, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<DeidRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const host = createDeidHost((response, transfer) => scope.postMessage(response, transfer));
scope.onmessage = (event) => host.handle(event.data);
