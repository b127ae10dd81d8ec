/** A demo-slide painter thread: paints one tile per message, off the server's event loop. */
import { parentPort } from 'node:worker_threads';
import { paintDemoTile } from './render';

export interface PaintRequest {
  readonly id: number;
  readonly level: number;
  readonly x: number;
  readonly y: number;
}

export type PaintResponse =
  | { readonly id: number; readonly ok: true; readonly width: number; readonly height: number; readonly data: Uint8Array }
  | { readonly id: number; readonly ok: false; readonly message: string };

const port = parentPort;
if (!port) throw new Error('paintWorker runs as a worker thread only');

port.on('message', ({ id, level, x, y }: PaintRequest) => {
  try {
    const { width, height, data } = paintDemoTile(level, x, y);
    const response: PaintResponse = { id, ok: true, width, height, data };
    port.postMessage(response, [data.buffer as ArrayBuffer]);
  } catch (error) {
    const response: PaintResponse = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
    port.postMessage(response);
  }
});
