/** Worker-thread side of batchPool.ts: prepares one batch per message and posts the outcome back. */
import { parentPort } from 'node:worker_threads';
import { prepareBatch, type BatchContext } from './batchInput';

export interface BatchTask {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly context: BatchContext;
}

const port = parentPort;
if (!port) throw new Error('batchWorker.ts runs in a worker thread');
port.on('message', (task: BatchTask) => {
  try {
    port.postMessage({ id: task.id, outcome: prepareBatch(task.bytes, task.context) });
  } catch (error) {
    port.postMessage({ id: task.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
