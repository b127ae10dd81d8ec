/** Worker-thread side of batchPool.ts: prepares one batch per message and posts the outcome back. */
import { parentPort } from 'node:worker_threads';
import { prepareBatch, type BatchContext } from './batchInput';
import { packOutcome } from './batchWire';

export interface BatchTask {
  readonly id: number;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly context: BatchContext;
}

const port = parentPort;
if (!port) throw new Error('batchWorker.ts runs in a worker thread');
port.on('message', (task: BatchTask) => {
  try {
    const packed = packOutcome(prepareBatch(task.bytes, task.context));
    port.postMessage({ id: task.id, packed }, [packed.bodies.buffer]);
  } catch (error) {
    port.postMessage({ id: task.id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
