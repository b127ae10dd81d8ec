/**
 * The upload screen's side of the de-identification worker (workers/deid): one job over the picked
 * files with a callback per file and a cancel, and redactions as promises.
 */
import type { BurnedInReason } from '../../../core/deid/burnedIn';
import type { DeidReport } from '../../../core/deid/deidentify';
import type { DeidOptions } from '../../../core/deid/policy';
import type { RedactionBox } from '../../../core/deid/redactPixels';
import type { DeidRequest, DeidResponse, FileResult } from '../../../../workers/deid/messages';

export interface DeidProgress {
  readonly done: number;
  readonly total: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /** The picked name of the file in hand; null once all are done. */
  readonly current: string | null;
}

export interface DeidJob {
  cancel(): void;
  /** Resolves with whether it was cancelled; rejects with the worker's sentence. */
  readonly finished: Promise<{ readonly cancelled: boolean }>;
}

export interface DeidWorkerClient {
  deidentify(files: readonly File[], options: DeidOptions, key: Uint8Array, onFile: (index: number, result: FileResult) => void, onProgress: (progress: DeidProgress) => void): DeidJob;
  redact(bytes: ArrayBuffer, report: DeidReport, reason: BurnedInReason, boxes: readonly RedactionBox[]): Promise<{ bytes: ArrayBuffer; report: DeidReport }>;
  dispose(): void;
}

export function createDeidWorkerClient(): DeidWorkerClient {
  const worker = new Worker(new URL('../../../../workers/deid/deid.worker.ts', import.meta.url), { type: 'module', name: 'deid' });
  const send = (request: DeidRequest, transfer: Transferable[] = []) => worker.postMessage(request, transfer);
  const listeners = new Set<(response: DeidResponse) => void>();
  worker.onmessage = (event: MessageEvent<DeidResponse>) => {
    for (const listener of listeners) listener(event.data);
  };
  let count = 0;

  return {
    deidentify(files, options, key, onFile, onProgress) {
      const jobId = `deid-${(count += 1)}`;
      const bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
      let progress: DeidProgress = { done: 0, total: files.length, bytesDone: 0, bytesTotal, current: null };
      const finished = new Promise<{ cancelled: boolean }>((resolve, reject) => {
        const listener = (response: DeidResponse) => {
          if (!('jobId' in response) || response.jobId !== jobId) return;
          if (response.type === 'started') progress = { ...progress, current: response.name };
          if (response.type === 'progress') {
            onFile(response.index, response.result);
            progress = { ...progress, done: response.done, bytesDone: response.bytesDone };
          }
          if (response.type === 'finished') progress = { ...progress, current: null };
          onProgress(progress);
          if (response.type === 'finished' || response.type === 'error') listeners.delete(listener);
          if (response.type === 'finished') resolve({ cancelled: response.cancelled });
          if (response.type === 'error') reject(new Error(response.sentence));
        };
        listeners.add(listener);
      });
      onProgress(progress);
      const picked = files.map((file, index) => ({ index, name: file.webkitRelativePath || file.name, file }));
      send({ type: 'deidentify', jobId, options, key: key.slice().buffer as ArrayBuffer, files: picked });
      return { cancel: () => send({ type: 'cancel', jobId }), finished };
    },
    redact(bytes, report, reason, boxes) {
      const requestId = `redact-${(count += 1)}`;
      return new Promise((resolve, reject) => {
        const listener = (response: DeidResponse) => {
          if (!('requestId' in response) || response.requestId !== requestId) return;
          listeners.delete(listener);
          if (response.type === 'redacted') resolve({ bytes: response.bytes, report: response.report });
          else if (response.type === 'error') reject(new Error(response.sentence));
        };
        listeners.add(listener);
        send({ type: 'redact', requestId, bytes, report, reason, boxes }, [bytes]);
      });
    },
    dispose: () => worker.terminate(),
  };
}
