import { describe, expect, it, vi } from 'vitest';

/** Stands in for a Web Worker, which Node lacks: what Cornerstone's worker manager touches at registration. */
function fakeWorker(id: number): Worker {
  const worker = { id, addEventListener() {}, removeEventListener() {}, postMessage() {}, terminate() {} };
  return worker as unknown as Worker;
}

describe('decode worker hand-over (real Cornerstone worker manager and DICOM image loader)', () => {
  it('leaves the loader the workers started ahead, without a warning', async () => {
    // Spied before Cornerstone loads: its loggers take console.warn when they are made.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { getWebWorkerManager } = await import('@cornerstonejs/core');
    const { DECODE_WORKER_NAME, initDicomImageLoaderWithEarlyWorkers } = await import('./decodeWorkerHandOver');
    const taken: Worker[] = [];
    const takeWorker = () => {
      const worker = fakeWorker(taken.length);
      taken.push(worker);
      return worker;
    };

    expect(initDicomImageLoaderWithEarlyWorkers(3, takeWorker)).toBe(true);
    const pool = getWebWorkerManager().workerRegistry[DECODE_WORKER_NAME];
    expect(pool?.workerFn).toBe(takeWorker);
    expect(taken).toHaveLength(3);
    expect(pool?.nativeWorkers).toEqual(taken);
    expect(warn).not.toHaveBeenCalled();

    // Warnings are held for the loader's registration only: a later clash is still reported.
    getWebWorkerManager().registerWorker(DECODE_WORKER_NAME, takeWorker);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/already registered/));
  });
});
