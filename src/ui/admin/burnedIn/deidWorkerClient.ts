/**
 * The upload screen's side of the de-identification workers (workers/deid): one check job over the
 * picked files, shared out to a small pool of workers (checkPool.ts), with a callback per file in
 * the picked order and a cancel; previews and prepared files as promises (from the first worker).
 */
import type { PixelPreview } from '../../../core/deid/pixelPreview';
import type { DeidOptions } from '../../../core/deid/policy';
import type { ConfirmedBoxes, DeidRequest, DeidResponse, DeidTerms, FileCheck, KeptFile } from '../../../../workers/deid/messages';
import { checkPoolSize, dealtOut, inOrder, workersFor } from './checkPool';

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
   * Resolves once the first worker has answered (its modules evaluated, the key checked): the
   * upload screen starts a client before files are picked, so an upload does not wait for that.
   * Rejects with the worker's sentence (the check then fails with it too).
   */
  readonly ready: Promise<void>;
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

type Checked = readonly [result: FileCheck, kept: KeptFile | null];

/**
 * A client for uploads under one policy (its options and the project key). `newPort` starts a
 * worker: one at once (previews, prepares and small checks), more when a check pass has files for
 * them, up to `poolSize` (checkPool.ts), each kept until `dispose`.
 */
export function createDeidWorkerClient(options: DeidOptions, key: Uint8Array, newPort: () => DeidPort = deidWorker, poolSize: number = checkPoolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency)): DeidWorkerClient {
  const listeners = new Set<(response: DeidResponse) => void>();
  const ports: DeidPort[] = [];
  const started = (count: number): readonly DeidPort[] => {
    while (ports.length < count) {
      const port = newPort();
      port.onmessage = (event) => {
        for (const listener of listeners) listener(event.data);
      };
      ports.push(port);
    }
    return ports;
  };
  const first = started(1)[0]!;
  const send = (request: DeidRequest, transfer: Transferable[] = [], port: DeidPort = first) => port.postMessage(request, transfer);
  // A copy per request: the one sent is the worker's to keep.
  const terms = (): DeidTerms => ({ options, key: key.slice().buffer as ArrayBuffer });
  let count = 0;

  /** Sends a request and waits for its one answer of `type`. */
  function ask<T extends 'warmed' | 'previewed' | 'prepared'>(request: (requestId: string) => DeidRequest, type: T): Promise<Extract<DeidResponse, { type: T }>> {
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

  const ready = ask((requestId) => ({ type: 'warm', requestId, ...terms() }), 'warmed').then(() => undefined);
  ready.catch(() => {}); // awaited only by some (the bench, tests); a key that cannot be imported fails the check with its sentence

  return {
    ready,
    deidentify(files, onFile, onProgress, keepBytes) {
      const jobId = `deid-${(count += 1)}`;
      // Each size asked once, here, and sent: in Chromium every `size` of a picked File asks the browser process.
      const sizes = files.map((file) => file.size);
      const bytesTotal = sizes.reduce((sum, size) => sum + size, 0);
      const names = files.map((file) => file.webkitRelativePath || file.name);
      const shareCount = workersFor(files.length, poolSize);
      const workers = started(shareCount).slice(0, shareCount);
      // Once stopped, nothing more is handed on: a file checked after Stop must not be sent.
      let stopped = false;
      let bytesDone = 0;
      const ordered = inOrder<Checked>((index, [result, kept]) => {
        bytesDone += sizes[index]!;
        onFile(index, result, kept);
      });
      // The files are handed on in order, each worker taking its next as soon as one is done, so the
      // file in hand is the one after those handed on.
      const progressNow = (current: string | null): DeidProgress => ({ done: ordered.handedOn, total: files.length, bytesDone, bytesTotal, current });
      const finished = new Promise<{ cancelled: boolean }>((resolve, reject) => {
        let finishedWorkers = 0;
        let cancelled = false;
        const listener = (response: DeidResponse) => {
          if (!('jobId' in response) || response.jobId !== jobId) return;
          if (response.type === 'progress' && !stopped) for (const { index, result, kept } of response.checked) ordered.arrived(index, [result, kept]);
          if (response.type === 'finished') {
            finishedWorkers += 1;
            cancelled ||= response.cancelled;
          }
          const over = finishedWorkers === workers.length || response.type === 'error';
          onProgress(progressNow(over ? null : (names[ordered.handedOn] ?? null)));
          if (!over) return;
          listeners.delete(listener);
          if (response.type === 'error') {
            stopAll(); // the other workers' files are not handed on after the first that could not be checked
            reject(new Error(response.sentence));
          } else resolve({ cancelled: cancelled || stopped });
        };
        listeners.add(listener);
      });
      const stopAll = () => {
        stopped = true;
        for (const port of workers) send({ type: 'cancel', jobId }, [], port);
      };
      onProgress(progressNow(names[0] ?? null));
      const picked = files.map((file, index) => ({ index, file, size: sizes[index]! }));
      const shares = dealtOut(picked, workers.length);
      // The budget shared out: the page holds no more than it whatever the workers' number.
      const keepEach = Math.floor(keepBytes / workers.length);
      shares.forEach((share, k) => send({ type: 'deidentify', jobId, files: share, keepBytes: keepEach, ...terms() }, [], workers[k]));
      return { cancel: stopAll, finished };
    },
    async preview(file) {
      return (await ask((requestId) => ({ type: 'preview', requestId, file, ...terms() }), 'previewed')).preview;
    },
    async prepare(file, confirmed) {
      const { parts, report } = await ask((requestId) => ({ type: 'prepare', requestId, file, confirmed, ...terms() }), 'prepared');
      return { ...parts, report };
    },
    dispose: () => {
      for (const port of ports) port.terminate();
    },
  };
}
