/**
 * A small pool of worker threads that inspect imported files (parse, inflate, decode a frame),
 * so that no file, however hostile, holds the server's event loop: other users' requests keep
 * answering. Each file has a time limit; a worker past it is terminated and the file refused.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Inspection } from './inspect';
import type { InspectRequest } from './inspectWorker';

/** Generous: a real file takes well under a second; this only ends a decoder that never returns. */
export const INSPECT_TIMEOUT_MS = 60_000;

export interface InspectPoolOptions {
  /** Worker threads at most (default: one less than the cores, at least 1, at most 4). */
  readonly size?: number;
  readonly timeoutMs?: number;
  /** The worker's entry; tests replace it. */
  readonly workerUrl?: URL;
}

interface Job {
  readonly bytes: Uint8Array;
  readonly resolve: (inspection: Inspection) => void;
}

export class InspectPool {
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly workerUrl: URL;
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, { job: Job; timer: NodeJS.Timeout }>();
  private readonly queue: Job[] = [];

  constructor(options: InspectPoolOptions = {}) {
    this.size = options.size ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    this.timeoutMs = options.timeoutMs ?? INSPECT_TIMEOUT_MS;
    this.workerUrl = options.workerUrl ?? new URL('./inspectWorker.mjs', import.meta.url);
  }

  /** Never rejects: a worker that fails or runs out of time gives a refusal. */
  run(bytes: Uint8Array): Promise<Inspection> {
    return new Promise((resolve) => {
      // A copy of its own: transferring a buffer shared with others (Node's pool) would empty theirs.
      this.queue.push({ bytes: new Uint8Array(bytes), resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    const workers = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    for (const [, { job, timer }] of this.busy) {
      clearTimeout(timer);
      job.resolve(refusal('the import was stopped before this file was read'));
    }
    this.busy.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.busy.size < this.size ? this.startWorker() : null);
      if (!worker) return;
      const job = this.queue.shift() as Job;
      const timer = setTimeout(() => this.timedOut(worker), this.timeoutMs);
      this.busy.set(worker, { job, timer });
      worker.ref();
      const request: InspectRequest = { bytes: job.bytes };
      worker.postMessage(request, [job.bytes.buffer as ArrayBuffer]);
    }
  }

  private startWorker(): Worker {
    const worker = new Worker(this.workerUrl);
    worker.on('message', (inspection: Inspection) => this.finish(worker, inspection, true));
    worker.on('error', (error) => this.finish(worker, refusal(`it could not be read (the reader failed: ${error.message})`), false));
    worker.on('exit', () => this.finish(worker, refusal('it could not be read (the reader stopped)'), false));
    return worker;
  }

  private timedOut(worker: Worker): void {
    const limit = this.timeoutMs >= 1000 ? `${Math.round(this.timeoutMs / 1000)} s` : `${this.timeoutMs} ms`;
    this.finish(worker, { ok: false, reason: `reading its image took longer than ${limit}: refused`, code: 'decodeTimedOut' }, false);
  }

  private finish(worker: Worker, inspection: Inspection, reusable: boolean): void {
    const active = this.busy.get(worker);
    // A worker already let go (timed out) may still deliver a late answer: drop it.
    if (!active && reusable) return;
    if (active) {
      clearTimeout(active.timer);
      this.busy.delete(worker);
      active.job.resolve(inspection);
    }
    if (reusable) {
      // An idle worker does not keep the process (a CLI run) alive.
      worker.unref();
      this.idle.push(worker);
    } else {
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      worker.removeAllListeners('exit');
      void worker.terminate();
    }
    this.dispatch();
  }
}

function refusal(reason: string): Inspection {
  return { ok: false, reason };
}

let shared: InspectPool | null = null;

/** Inspects in the process's shared pool, started on first use. */
export function inspectInWorker(bytes: Uint8Array): Promise<Inspection> {
  shared ??= new InspectPool();
  return shared.run(bytes);
}
