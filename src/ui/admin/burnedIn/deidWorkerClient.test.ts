/**
 * The upload screen's client over the worker's logic in-process: the progress line names the file
 * in hand from the page's own list (the worker sends no names), then none once the check is done;
 * a pool of workers hands the same results on in the same order, and nothing once stopped; the
 * client is ready once its first worker has answered, before any file is picked.
 */
import { describe, expect, it } from 'vitest';
import { BASIC_PROFILE_ONLY } from '../../../core/deid/policy';
import { phiCtSlice } from '../../../core/deid/testing/phiDicom';
import type { DeidRequest, FileCheck } from '../../../../workers/deid/messages';
import { createDeidWorkerClient, type DeidPort, type DeidProgress } from './deidWorkerClient';
import { inProcessDeidPort } from './inProcessDeidPort';

describe('de-identification worker client', () => {
  it('reports each file in hand by its picked path, with counts, and none once finished', async () => {
    const files = [0, 1, 2].map((i) => new File([phiCtSlice(i)], `YAMADA-${i}.dcm`));
    const client = createDeidWorkerClient(BASIC_PROFILE_ONLY, new Uint8Array(32).fill(5), inProcessDeidPort);
    const seen: DeidProgress[] = [];
    const checked: number[] = [];
    const job = client.deidentify(files, (index) => checked.push(index), (progress) => seen.push(progress), 0);
    expect(await job.finished).toEqual({ cancelled: false });
    const total = files.reduce((sum, file) => sum + file.size, 0);
    expect(checked).toEqual([0, 1, 2]);
    // However the worker grouped its reports, the file in hand is the one after those done.
    expect(seen[0]).toMatchObject({ done: 0, current: 'YAMADA-0.dcm' });
    for (const { done, current } of seen) expect(current).toBe(done < 3 ? `YAMADA-${done}.dcm` : null);
    expect(seen.at(-1)).toMatchObject({ done: 3, current: null });
    expect(seen.at(-1)).toMatchObject({ total: 3, bytesDone: total, bytesTotal: total });
  });

  it('checks with a pool of workers as with one: every file handed on in the picked order, the same results', async () => {
    const files = Array.from({ length: 70 }, (_, i) => new File([phiCtSlice(i)], `YAMADA-${i}.dcm`));
    const run = async (poolSize: number) => {
      const started: DeidPort[] = [];
      const newPort = () => (started.push(inProcessDeidPort()), started.at(-1)!);
      const client = createDeidWorkerClient(BASIC_PROFILE_ONLY, new Uint8Array(32).fill(5), newPort, poolSize);
      const handed: { index: number; result: FileCheck; header: number[] | null }[] = [];
      const done: number[] = [];
      const job = client.deidentify(files, (index, result, kept) => handed.push({ index, result, header: kept ? [...kept.header] : null }), (progress) => done.push(progress.done), 1 << 20);
      expect(await job.finished).toEqual({ cancelled: false });
      return { workers: started.length, handed, done };
    };
    const one = await run(1);
    const pooled = await run(3);
    expect([one.workers, pooled.workers]).toEqual([1, 3]);
    expect(pooled.handed.map(({ index }) => index)).toEqual(files.map((_, i) => i));
    expect(pooled.handed).toEqual(one.handed);
    expect(pooled.done).toEqual([...pooled.done].sort((a, b) => a - b));
    expect(pooled.done.at(-1)).toBe(70);
  });

  it('hands on nothing once stopped, and says the job was cancelled', async () => {
    const files = Array.from({ length: 70 }, (_, i) => new File([phiCtSlice(i)], `YAMADA-${i}.dcm`));
    const client = createDeidWorkerClient(BASIC_PROFILE_ONLY, new Uint8Array(32).fill(5), inProcessDeidPort, 2);
    const handed: number[] = [];
    let handedAtStop: number | null = null;
    const job = client.deidentify(files, (index) => handed.push(index), ({ done }) => {
      if (done > 0 && handedAtStop === null) {
        handedAtStop = handed.length;
        job.cancel();
      }
    }, 0);
    expect(await job.finished).toEqual({ cancelled: true });
    expect(handed.length).toBe(handedAtStop);
    expect(handed.length).toBeLessThan(files.length);
  });

  it('is ready once its first worker has answered, not before', async () => {
    // A worker whose requests wait until let through, as a module worker's wait until it is evaluated.
    const held: DeidRequest[] = [];
    const worker = inProcessDeidPort();
    const port: DeidPort = { postMessage: (request) => held.push(request), onmessage: null, terminate: () => {} };
    const client = createDeidWorkerClient(BASIC_PROFILE_ONLY, new Uint8Array(32).fill(5), () => port);
    worker.onmessage = (event) => port.onmessage?.(event);
    let ready = false;
    void client.ready.then(() => (ready = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ready).toBe(false);
    expect(held.map((request) => request.type)).toEqual(['warm']);
    for (const request of held) worker.postMessage(request, []);
    await client.ready;
    expect(ready).toBe(true);
  });

  it('is not ready, with the worker\'s sentence, when the key cannot be imported', async () => {
    const client = createDeidWorkerClient(BASIC_PROFILE_ONLY, new Uint8Array(3), inProcessDeidPort);
    await expect(client.ready).rejects.toThrow(/cannot start: a de-identification key is 32 bytes, got 3/);
  });
});
