/**
 * The upload screen's side of the de-identification worker (workers/deid): one check job over the
 * picked files with a callback per file and a cancel; previews and prepared files as promises.
 */
import type { PixelPreview } from '../../../core/deid/pixelPreview';
import type { DeidOptions } from '../../../core/deid/policy';
import type { ConfirmedBoxes, DeidRequest, DeidResponse, DeidTerms, FileCheck, KeptFile } from '../../../../workers/deid/messages';

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
  /**
   * The check pass: what will become of each file, and each file that goes as it is, as written
   * (`kept`), while the kept headers add up to no more than `keepBytes` (null past that).
   */
  deidentify(files: readonly File[], onFile: (index: number, result: FileCheck, kept: KeptFile | null) => void, onProgress: (progress: DeidProgress) => void, keepBytes: number): DeidJob;
  /** A flagged image's preview, made again from its file; rejects with the worker's sentence. */
  preview(file: Blob): Promise<PixelPreview>;
  /**
   * A file de-identified (with its confirmed boxes blacked out) as written, with its report: the
   * body is made over the picked file by `bodyOf` (its header is all that is held in memory).
   * Rejects with the worker's sentence.
   */
  prepare(file: Blob, confirmed: ConfirmedBoxes | null): Promise<KeptFile>;
  dispose(): void;
}

/** What the client needs of a Worker (tests give the worker's logic in-process). */
export interface DeidPort {
  postMessage(request: DeidRequest, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<DeidResponse>) => void) | null;
  terminate(): void;
}

const deidWorker = (): DeidPort => new Worker(new URL('../../../../workers/deid/deid.worker.ts', import.meta.url), { type: 'module', name: 'deid' });

/** A client for uploads under one policy (its options and the project key). */
export function createDeidWorkerClient(options: DeidOptions, key: Uint8Array, port: DeidPort = deidWorker()): DeidWorkerClient {
  const send = (request: DeidRequest, transfer: Transferable[] = []) => port.postMessage(request, transfer);
  const listeners = new Set<(response: DeidResponse) => void>();
  port.onmessage = (event) => {
    for (const listener of listeners) listener(event.data);
  };
  // A copy per request: the one sent is the worker's to keep.
  const terms = (): DeidTerms => ({ options, key: key.slice().buffer as ArrayBuffer });
  let count = 0;

  /** Sends a request and waits for its one answer of `type`. */
  function ask<T extends 'previewed' | 'prepared'>(request: (requestId: string) => DeidRequest, type: T): Promise<Extract<DeidResponse, { type: T }>> {
    const requestId = `${type}-${(count += 1)}`;
    return new Promise((resolve, reject) => {
      const listener = (response: DeidResponse) => {
        if (!('requestId' in response) || response.requestId !== requestId) return;
        listeners.delete(listener);
        if (response.type === type) resolve(response as Extract<DeidResponse, { type: T }>);
        else if (response.type === 'error') reject(new Error(response.sentence));
      };
      listeners.add(listener);
      send(request(requestId));
    });
  }

  return {
    deidentify(files, onFile, onProgress, keepBytes) {
      const jobId = `deid-${(count += 1)}`;
      // Each size asked once, here, and sent: in Chromium every `size` of a picked File asks the browser process.
      const sizes = files.map((file) => file.size);
      const bytesTotal = sizes.reduce((sum, size) => sum + size, 0);
      const names = files.map((file) => file.webkitRelativePath || file.name);
      // The worker takes the files in order, each as soon as the one before it is done.
      const inHand = (done: number) => names[done] ?? null;
      let progress: DeidProgress = { done: 0, total: files.length, bytesDone: 0, bytesTotal, current: inHand(0) };
      const finished = new Promise<{ cancelled: boolean }>((resolve, reject) => {
        const listener = (response: DeidResponse) => {
          if (!('jobId' in response) || response.jobId !== jobId) return;
          if (response.type === 'progress') {
            for (const { index, result, kept } of response.checked) onFile(index, result, kept);
            progress = { ...progress, done: response.done, bytesDone: response.bytesDone, current: inHand(response.done) };
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
      const picked = files.map((file, index) => ({ index, file, size: sizes[index]! }));
      send({ type: 'deidentify', jobId, files: picked, keepBytes, ...terms() });
      return { cancel: () => send({ type: 'cancel', jobId }), finished };
    },
    async preview(file) {
      return (await ask((requestId) => ({ type: 'preview', requestId, file, ...terms() }), 'previewed')).preview;
    },
    async prepare(file, confirmed) {
      const { parts, report } = await ask((requestId) => ({ type: 'prepare', requestId, file, confirmed, ...terms() }), 'prepared');
      return { ...parts, report };
    },
    dispose: () => port.terminate(),
  };
}
