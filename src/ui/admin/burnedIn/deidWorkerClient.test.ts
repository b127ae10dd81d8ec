/**
 * The upload screen's client over the worker's logic in-process: the progress line names the file
 * in hand from the page's own list (the worker sends no names), then none once the check is done.
 */
import { describe, expect, it } from 'vitest';
import { BASIC_PROFILE_ONLY } from '../../../core/deid/policy';
import { phiCtSlice } from '../../../core/deid/testing/phiDicom';
import { createDeidWorkerClient, type DeidProgress } from './deidWorkerClient';
import { inProcessDeidPort } from './inProcessDeidPort';

describe('de-identification worker client', () => {
  it('reports each file in hand by its picked path, with counts, and none once finished', async () => {
    const files = [0, 1, 2].map((i) => new File([phiCtSlice(i)], `YAMADA-${i}.dcm`));
    const client = createDeidWorkerClient(BASIC_PROFILE_ONLY, new Uint8Array(32).fill(5), inProcessDeidPort());
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
});
