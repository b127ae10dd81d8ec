/**
 * Painter threads for the demo slide: a cold tile takes tens of milliseconds of arithmetic, which
 * on the server's event loop would hold every other request meanwhile. Tiles go to the threads in
 * turn; each thread builds the nuclei once (about 2 s) on its first tile.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PaintRequest, PaintResponse } from './paintWorker';
import { demoTileBox, type TilePixels } from './render';

const WORKER_ENTRY = new URL('./paintWorkerBoot.mjs', import.meta.url);

export class DemoPaintPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { worker: Worker; resolve: (pixels: TilePixels) => void; reject: (error: Error) => void }>();
  /** Paints in flight per thread: a thread with none lets the process exit. */
  private readonly inFlight = new Map<Worker, number>();
  private nextId = 0;

  /** `size` threads (default: half the cores, at least 1, at most 4), started on first use. */
  constructor(private readonly size = Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2)))) {}

  /** Tile (x, y) of `level`; RangeError at once for a tile outside the slide. */
  paint(level: number, x: number, y: number): Promise<TilePixels> {
    demoTileBox(level, x, y);
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve, reject) => {
      const worker = this.worker(id);
      this.pending.set(id, { worker, resolve, reject });
      this.count(worker, 1);
      const request: PaintRequest = { id, level, x, y };
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.terminate()));
    for (const { reject } of this.pending.values()) reject(new Error('the demo slide painter was closed'));
    this.pending.clear();
  }

  private worker(id: number): Worker {
    if (this.workers.length < this.size) {
      const worker = new Worker(WORKER_ENTRY);
      worker.unref();
      worker.on('message', (response: PaintResponse) => this.settle(response));
      worker.on('error', (error) => this.lost(worker, error));
      this.workers.push(worker);
      return worker;
    }
    return this.workers[id % this.workers.length]!;
  }

  private settle(response: PaintResponse): void {
    const waiting = this.pending.get(response.id);
    if (!waiting) return;
    this.pending.delete(response.id);
    this.count(waiting.worker, -1);
    if (response.ok) waiting.resolve({ width: response.width, height: response.height, data: response.data });
    else waiting.reject(new Error(response.message));
  }

  private count(worker: Worker, change: number): void {
    const now = (this.inFlight.get(worker) ?? 0) + change;
    this.inFlight.set(worker, now);
    if (now === 0) worker.unref();
    else if (now === 1 && change > 0) worker.ref();
  }

  /** A thread that failed is dropped (the next paint starts another) and its paints fail. */
  private lost(worker: Worker, error: Error): void {
    this.workers.splice(this.workers.indexOf(worker), 1);
    this.inFlight.delete(worker);
    for (const [id, waiting] of this.pending) {
      if (waiting.worker !== worker) continue;
      this.pending.delete(id);
      waiting.reject(error);
    }
  }
}
