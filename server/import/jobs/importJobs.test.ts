/** The job queue over a real database, with the pyramid build replaced by builds the test lets finish. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../src/core/api';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { blobStoreIn } from '../../blobs/diskBlobStore';
import { prepareDatabase } from '../../bootstrap';
import { createDataset } from '../../services/datasets';
import { openTestDatabase, type TestDatabase } from '../../testing/testDatabase';
import { ImportJobs } from './importJobs';
import { CANCELLED_REASON, findImportJob, importJobOf, insertImportJob, type ImportJobRow } from './jobRows';

const at = () => new Date('2026-02-01T10:00:00.000Z');

describe('ImportJobs', () => {
  let database: TestDatabase;
  let datasetId: string;
  beforeEach(async () => {
    database = await openTestDatabase('sqlite');
    await prepareDatabase(database.db);
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    datasetId = (await createDataset(database.db, { name: 'gastric', description: '', labelSetId: id, labelSetVersion: version }, null, at().toISOString())).id;
  });
  afterEach(async () => database.dispose());

  /** Builds that wait until the test finishes them, each reporting half its tiles first. */
  function heldBuilds() {
    const started: { job: ImportJobRow; finish: () => void }[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const jobs = new ImportJobs({
      db: database.db,
      blobs: blobStoreIn(database.dataDir),
      now: at,
      importFile: (job, onProgress) =>
        new Promise<ImportReport>((resolve) => {
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          onProgress('tiles', 50, 100);
          started.push({
            job,
            finish: () => {
              running -= 1;
              resolve({ outcomes: [{ file: job.file_name, status: 'imported', itemId: `item of ${job.file_name}` }], itemIds: [`item of ${job.file_name}`] });
            },
          });
        }),
    });
    return { jobs, started, mostAtOnce: () => mostAtOnce };
  }

  const newJob = (name: string) => insertImportJob(database.db, { datasetId, createdBy: null, fileName: name, kind: 'file', source: { sha256: 'a'.repeat(64), size: 1 } }, at().toISOString());
  const stateOf = async (job: ImportJobRow) => importJobOf((await findImportJob(database.db, job.id)) as ImportJobRow);
  /** Until the queue has started `count` builds (each start is a few database writes away). */
  async function startedCount(started: readonly unknown[], count: number): Promise<void> {
    while (started.length < count) await new Promise((resolve) => setImmediate(resolve));
  }

  it('builds two slides at a time, in upload order, each showing its tiles while it builds, and ends each with its report', async () => {
    const { jobs, started, mostAtOnce } = heldBuilds();
    const rows = [];
    for (const name of ['a.svs', 'b.svs', 'c.svs', 'd.svs', 'e.svs']) {
      const row = await newJob(name);
      rows.push(row);
      jobs.enqueue(row);
    }
    await startedCount(started, 2);
    expect(started.map(({ job }) => job.file_name)).toEqual(['a.svs', 'b.svs']);
    expect(await stateOf(rows[2] as ImportJobRow)).toMatchObject({ state: 'queued' });

    started[0]?.finish();
    await startedCount(started, 3);
    expect(started[2]?.job.file_name).toBe('c.svs');
    expect(await stateOf(rows[0] as ImportJobRow)).toMatchObject({ state: 'done', report: { outcomes: [{ status: 'imported' }] } });
    // The second build's half of its tiles is written while it is held (after its opening write).
    let second = await stateOf(rows[1] as ImportJobRow);
    while (second.state !== 'building' || second.phase !== 'tiles') second = await stateOf(rows[1] as ImportJobRow);
    expect(second).toMatchObject({ state: 'building', phase: 'tiles', percent: 50 });

    for (let next = 1; next < 5; next += 1) {
      await startedCount(started, next + 1);
      started[next]?.finish();
    }
    await jobs.idle();
    expect(mostAtOnce()).toBe(2);
    for (const row of rows) expect((await stateOf(row)).state).toBe('done');
  });

  it('on close, finishes the running builds and starts none of the waiting ones, which stay queued for start-up to fail', async () => {
    const { jobs, started } = heldBuilds();
    const rows = [];
    for (const name of ['a.svs', 'b.svs', 'c.svs']) {
      const row = await newJob(name);
      rows.push(row);
      jobs.enqueue(row);
    }
    await startedCount(started, 2);
    const closing = jobs.close();
    for (const build of started) build.finish();
    await closing;
    expect(started).toHaveLength(2);
    expect((await stateOf(rows[0] as ImportJobRow)).state).toBe('done');
    expect((await stateOf(rows[2] as ImportJobRow)).state).toBe('queued');
  });

  it('cancels a queued job at once and a running one at its next step, which ends cancelled with what it had imported', async () => {
    const { jobs, started } = heldBuilds();
    const running = await newJob('running.svs');
    const second = await newJob('second.svs');
    const waiting = await newJob('waiting.svs');
    for (const row of [running, second, waiting]) jobs.enqueue(row);
    await startedCount(started, 2);

    expect(await jobs.cancel(waiting.id)).toBe('cancelled');
    expect(await stateOf(waiting)).toMatchObject({ state: 'cancelled', report: { outcomes: [{ file: 'waiting.svs', status: 'refused', reason: CANCELLED_REASON }], itemIds: [] } });

    expect(await jobs.cancel(running.id)).toBe('stopping');
    expect((await stateOf(running)).state).toBe('building');
    started[0]?.finish();
    started[1]?.finish();
    await jobs.idle();
    // The held build stands for a file already in hand when the cancel came: it stays imported.
    expect(await stateOf(running)).toMatchObject({ state: 'cancelled', report: { outcomes: [{ file: 'running.svs', status: 'imported' }], itemIds: ['item of running.svs'] } });
    expect((await stateOf(second)).state).toBe('done');
    expect(await jobs.cancel(running.id)).toBe('notRunning');
    expect(started).toHaveLength(2);
  });

  it('tells a running import through its signal, and a cancelled import with nothing to report says it imported nothing', async () => {
    const signals: AbortSignal[] = [];
    const jobs = new ImportJobs({
      db: database.db,
      blobs: blobStoreIn(database.dataDir),
      now: at,
      importFile: (_job, _onProgress, _onCounts, _secret, signal) => {
        signals.push(signal);
        return new Promise<ImportReport>((resolve) => signal.addEventListener('abort', () => resolve({ outcomes: [], itemIds: [] })));
      },
    });
    const row = await newJob('slide.svs');
    jobs.enqueue(row);
    while (signals.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(signals[0]?.aborted).toBe(false);
    expect(await jobs.cancel(row.id)).toBe('stopping');
    await jobs.idle();
    expect(signals[0]?.aborted).toBe(true);
    expect(await stateOf(row)).toMatchObject({ state: 'cancelled', report: { outcomes: [{ file: 'slide.svs', status: 'refused', reason: CANCELLED_REASON }], itemIds: [] } });
  });
});
