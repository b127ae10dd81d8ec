import { afterEach, describe, expect, it } from 'vitest';
import { inspectDicomFile } from './inspect';
import { InspectPool } from './inspectPool';
import { oddDicom } from '../testing/oddDicom';

const pools: InspectPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});
const pool = (options: ConstructorParameters<typeof InspectPool>[0] = {}) => {
  const made = new InspectPool(options);
  pools.push(made);
  return made;
};

describe('InspectPool', () => {
  it('answers in worker threads exactly what inspecting in this thread answers, for several files at once', async () => {
    const workers = pool({ size: 2 });
    const names = ['uids_too_long.dcm', 'no_meta_implicit.dcm', 'wsi_tiles.dcm', 'frames_2000000_jpeg.dcm', 'jpeg_undecodable.dcm'] as const;
    const inWorkers = await Promise.all(names.map((name) => workers.run(oddDicom(name))));
    const here = await Promise.all(names.map((name) => inspectDicomFile(oddDicom(name))));
    expect(inWorkers).toEqual(here);
  });

  it('leaves the caller its bytes (the worker gets a copy)', async () => {
    const bytes = oddDicom('uids_missing.dcm');
    const length = bytes.length;
    await pool({ size: 1 }).run(bytes);
    expect(bytes.length).toBe(length);
  });

  it('refuses a file whose reader never answers once the time limit passes, and goes on with the next', async () => {
    const silent = pool({ size: 1, timeoutMs: 200, workerUrl: new URL('./fixtures/silentWorker.mjs', import.meta.url) });
    const [first, second] = await Promise.all([silent.run(oddDicom('uids_missing.dcm')), silent.run(oddDicom('uids_missing.dcm'))]);
    expect(first).toEqual({ ok: false, code: 'decodeTimedOut', reason: 'reading its image took longer than 200 ms: refused' });
    expect(second).toEqual(first);
  });

  it('refuses a file whose reader dies, and starts a new reader for the next', async () => {
    const crashing = pool({ size: 1, workerUrl: new URL('./fixtures/crashingWorker.mjs', import.meta.url) });
    const outcomes = await Promise.all([crashing.run(oddDicom('uids_missing.dcm')), crashing.run(oddDicom('uids_missing.dcm'))]);
    expect(outcomes).toEqual([
      { ok: false, reason: 'it could not be read (the reader stopped)' },
      { ok: false, reason: 'it could not be read (the reader stopped)' },
    ]);
  });
});
