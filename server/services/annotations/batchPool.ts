/**
 * Prepares op batches (parse, text checks, validation, stored columns: batchInput.ts) without
 * holding up the event loop. A 16 MB batch costs seconds of CPU; on the request thread it kept
 * every other user's requests waiting that long. Small batches (a label key press) stay inline,
 * where a worker round trip would cost more than the work; large ones go to a small pool of
 * worker threads, started on first use, and only the summaries and the body strings come back.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { prepareBatch, type BatchContext, type PrepareOutcome } from './batchInput';
import type { BatchTask } from './batchWorker';
import { ownBuffer, unpackOutcome, type PackedOutcome } from './batchWire';

/** Bodies up to this size are prepared inline: a few milliseconds at most. */
export const INLINE_BATCH_BYTES = 64 * 1024;

/** The worker's entry: registers tsx, then loads batchWorker.ts (see the file for why). */
const WORKER_ENTRY = new URL('./batchWorkerBoot.mjs', import.meta.url);

type Reply = { readonly id: number; readonly packed: PackedOutcome } | { readonly id: number; readonly failure: string };

interface Pending {
  readonly worker: Worker;
  resolve(outcome: PrepareOutcome): void;
  reject(error: Error): void;
}

export class BatchPool {
  private readonly workers: Worker[] = [];
  private readonly busy = new Map<Worker, number>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly size = Math.max(1, Math.min(2, availableParallelism() - 1))) {}

  /** Prepares `bytes` inline when small, else on the least busy worker, which then owns them (`bytes` is emptied). */
  prepare(bytes: Uint8Array, context: BatchContext): Promise<PrepareOutcome> {
    if (bytes.byteLength <= INLINE_BATCH_BYTES) return Promise.resolve(prepareBatch(bytes, context));
    const worker = this.leastBusy();
    const id = this.nextId++;
    this.busy.set(worker, (this.busy.get(worker) ?? 0) + 1);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      // Moved, not copied: the request's bytes are not needed here once sent.
      const task: BatchTask = { id, bytes: ownBuffer(bytes), context };
      worker.postMessage(task, [task.bytes.buffer]);
    });
  }

  /** Stops the workers (the app closing); batches still in flight fail. */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private leastBusy(): Worker {
    if (this.workers.length < this.size && this.workers.every((w) => (this.busy.get(w) ?? 0) > 0)) return this.start();
    return this.workers.reduce((best, w) => ((this.busy.get(w) ?? 0) < (this.busy.get(best) ?? 0) ? w : best));
  }

  private start(): Worker {
    const worker = new Worker(WORKER_ENTRY);
    // An idle pool must not keep the process alive (a CLI or test that forgets to close it).
    worker.unref();
    worker.on('message', (reply: Reply) => {
      this.busy.set(worker, (this.busy.get(worker) ?? 1) - 1);
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ('packed' in reply) waiting?.resolve(unpackOutcome(reply.packed));
      else waiting?.reject(new Error(`batch worker failed: ${reply.failure}`));
    });
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`batch worker exited with code ${code}`)));
    this.workers.push(worker);
    return worker;
  }

  /** A worker died: the batches it held fail (their clients retry), and a later batch starts a new one. */
  private fail(worker: Worker, error: Error): void {
    const index = this.workers.indexOf(worker);
    if (index !== -1) this.workers.splice(index, 1);
    this.busy.delete(worker);
    for (const [id, waiting] of this.pending) {
      if (waiting.worker !== worker) continue;
      this.pending.delete(id);
      waiting.reject(error);
    }
  }
}
