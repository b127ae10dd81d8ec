/** The job queue over a real database, with the pyramid build replaced by builds the test lets finish, and a clock the test moves. */
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../src/core/api';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { blobStoreIn } from '../../blobs/diskBlobStore';
import { bootstrap, prepareDatabase } from '../../bootstrap';
import type { Database } from '../../db/schema';
import { createDataset } from '../../services/datasets';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { BUILDING_BEAT_MS, ImportJobs, type Ticker } from './importJobs';
import { CANCELLED_REASON, findImportJob, importJobOf, insertImportJob, SERVER_STOPPED_REASON, type ImportJobRow, type NewImportJob } from './jobRows';

const LEASE_MS = 30_000;

describe.each(testDialects('import job queue'))('ImportJobs on %s', (dialect) => {
  let database: TestDatabase;
  let datasetId: string;
  let clock: number;
  const now = () => new Date(clock);
  const others: { jobs: ImportJobs; db: Kysely<Database> }[] = [];
  beforeEach(async () => {
    clock = Date.parse('2026-02-01T10:00:00.000Z');
    database = await openTestDatabase(dialect);
    await prepareDatabase(database.db);
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    datasetId = (await createDataset(database.db, { name: 'gastric', description: '', labelSetId: id, labelSetVersion: version }, null, now().toISOString())).id;
  });
  afterEach(async () => {
    for (const other of others.splice(0)) await other.db.destroy();
    await database.dispose();
  });

  /** A ticker that never fires: the tests beat by hand. */
  const handTicked: Ticker = () => () => undefined;

  /**
   * A queue (a server instance named `owner`, over `db`) whose builds wait until the test
   * finishes them, each reporting half its tiles first.
   */
  function heldBuilds(owner = 'instance A', db = database.db, ticker = handTicked) {
    const started: { job: ImportJobRow; finish: () => void; signal: AbortSignal }[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const jobs = new ImportJobs({
      db,
      blobs: blobStoreIn(database.dataDir),
      now,
      owner,
      leaseMs: LEASE_MS,
      ticker,
      importFile: (job, onProgress, _onCounts, _secret, signal) =>
        new Promise<ImportReport>((resolve) => {
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          onProgress('tiles', 50, 100);
          started.push({
            job,
            signal,
            finish: () => {
              running -= 1;
              resolve({ outcomes: [{ file: job.file_name, status: 'imported', itemId: `item of ${job.file_name}` }], itemIds: [`item of ${job.file_name}`] });
            },
          });
        }),
    });
    return { jobs, started, mostAtOnce: () => mostAtOnce };
  }

  /** A second instance's queue over its own handle on the same database. */
  function anotherInstance(owner: string) {
    const db = database.openAnother();
    const instance = heldBuilds(owner, db);
    others.push({ jobs: instance.jobs, db });
    return instance;
  }

  const upload = (name: string): NewImportJob => ({ datasetId, createdBy: null, fileName: name, kind: 'file', source: { sha256: 'a'.repeat(64), size: 1 } });
  const rowOf = async (job: Pick<ImportJobRow, 'id'>) => (await findImportJob(database.db, job.id)) as ImportJobRow;
  const stateOf = async (job: Pick<ImportJobRow, 'id'>) => importJobOf(await rowOf(job));
  /** Until the queue has started `count` builds (each start is a few database writes away). */
  async function startedCount(started: readonly unknown[], count: number): Promise<void> {
    while (started.length < count) await new Promise((resolve) => setImmediate(resolve));
  }
  /** Until the job's first progress is written (its build has started). */
  async function building(job: Pick<ImportJobRow, 'id'>): Promise<void> {
    while ((await rowOf(job)).state !== 'building') await new Promise((resolve) => setImmediate(resolve));
  }

  it('builds two slides at a time, in upload order, each showing its tiles while it builds, and ends each with its report', async () => {
    const { jobs, started, mostAtOnce } = heldBuilds();
    const rows = [];
    for (const name of ['a.svs', 'b.svs', 'c.svs', 'd.svs', 'e.svs']) rows.push(await jobs.submit(upload(name)));
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

  it('on close, finishes the running builds and fails the waiting ones at once, which it will not run', async () => {
    const { jobs, started } = heldBuilds();
    const rows = [];
    for (const name of ['a.svs', 'b.svs', 'c.svs']) rows.push(await jobs.submit(upload(name)));
    await startedCount(started, 2);
    const closing = jobs.close();
    for (const build of started) build.finish();
    await closing;
    expect(started).toHaveLength(2);
    expect((await stateOf(rows[0] as ImportJobRow)).state).toBe('done');
    expect(await stateOf(rows[2] as ImportJobRow)).toMatchObject({ state: 'failed', code: 'serverStopped', reason: SERVER_STOPPED_REASON });
  });

  it('owns the jobs it takes, and beats for its unfinished ones on its timer: every tick while it builds, else a third of the lease apart', async () => {
    const ticks: { tick: () => Promise<void>; everyMs: number }[] = [];
    const { jobs, started } = heldBuilds('instance A', database.db, (tick, everyMs) => {
      ticks.push({ tick, everyMs });
      return () => undefined;
    });
    expect(ticks.map(({ everyMs }) => everyMs)).toEqual([BUILDING_BEAT_MS]);
    const finished = await jobs.submit(upload('a.svs'));
    const held = await jobs.submit(upload('b.svs'));
    await startedCount(started, 2);
    started[0]?.finish();
    while ((await rowOf(finished)).state !== 'done') await new Promise((resolve) => setImmediate(resolve));
    const submittedAt = now().toISOString();
    expect(await rowOf(held)).toMatchObject({ owner: 'instance A', heartbeat_at: submittedAt });

    // Each tick is awaited: it settles once its whole beat has, and a tick while a beat is still
    // under way joins that beat rather than beating again.
    clock += 10_000;
    await ticks[0]?.tick();
    expect((await rowOf(held)).heartbeat_at).toBe(now().toISOString());
    expect((await rowOf(finished)).heartbeat_at).toBe(submittedAt);

    // Building: the next tick beats, however soon.
    clock += BUILDING_BEAT_MS;
    await ticks[0]?.tick();
    expect((await rowOf(held)).heartbeat_at).toBe(now().toISOString());
    started[1]?.finish();
    await jobs.idle();

    // Idle: a tick before a third of the lease has passed since the last beat does not beat; one after it does.
    const queued = await insertImportJob(database.db, upload('queued elsewhere.svs'), 'instance A', now().toISOString());
    clock += LEASE_MS / 3 - 1;
    await ticks[0]?.tick();
    expect((await rowOf(queued)).heartbeat_at).not.toBe(now().toISOString());
    clock += 1;
    await ticks[0]?.tick();
    expect((await rowOf(queued)).heartbeat_at).toBe(now().toISOString());
  });

  it('while closing, beats on for the build it waits for, and stops its timer only once that build has ended', async () => {
    let tick: () => Promise<void> = () => Promise.resolve();
    let stopped = false;
    const { jobs, started } = heldBuilds('instance A', database.db, (beat) => {
      tick = beat;
      return () => {
        stopped = true;
      };
    });
    const job = await jobs.submit(upload('long.svs'));
    await startedCount(started, 1);
    const closing = jobs.close();
    clock += LEASE_MS;
    await tick();
    expect((await rowOf(job)).heartbeat_at).toBe(now().toISOString());
    expect(stopped).toBe(false);
    started[0]?.finish();
    await closing;
    expect(stopped).toBe(true);
    expect((await stateOf(job)).state).toBe('done');
  });

  it("keeps a live instance's job through another instance's restart, however long the job runs", async () => {
    const a = heldBuilds('instance A');
    const job = await a.jobs.submit(upload('long.svs'));
    await building(job);
    let b = anotherInstance('instance B');
    // Two leases pass, A beating a few times a lease as its timer would.
    for (let beat = 0; beat < 6; beat += 1) {
      clock += LEASE_MS / 3;
      await a.jobs.beat();
      await b.jobs.beat();
    }
    await b.jobs.close();
    await bootstrap(others[0]!.db, { dataDir: database.dataDir, demo: false, now, importJobLeaseMs: LEASE_MS });
    b = anotherInstance('instance B, started again');
    await b.jobs.beat();
    expect(await stateOf(job)).toMatchObject({ state: 'building', percent: 50 });

    a.started[0]?.finish();
    await a.jobs.idle();
    expect(await stateOf(job)).toMatchObject({ state: 'done', report: { outcomes: [{ status: 'imported' }] } });
  });

  it('fails the job of an instance that stopped beating once its lease has passed, and not before', async () => {
    const a = heldBuilds('instance A');
    const job = await a.jobs.submit(upload('orphan.svs'));
    await building(job);
    const b = anotherInstance('instance B');
    const own = await b.jobs.submit(upload('own.svs'));
    await building(own);
    // A dies: it beats no more. B's own job is B's, whatever its heartbeat says.
    clock += LEASE_MS;
    await b.jobs.beat();
    expect((await stateOf(job)).state).toBe('building');
    clock += 1;
    await b.jobs.beat();
    expect(await stateOf(job)).toMatchObject({ state: 'failed', code: 'serverStopped', reason: SERVER_STOPPED_REASON });
    expect((await stateOf(own)).state).toBe('building');
    b.started[0]?.finish();
    await b.jobs.idle();
  });

  it('lets an instance that was only stalled end its job as it went, unless another instance has retried it meanwhile', async () => {
    const a = heldBuilds('instance A');
    const stalled = await a.jobs.submit(upload('stalled.svs'));
    const retried = await a.jobs.submit(upload('retried.svs'));
    await startedCount(a.started, 2);
    await building(retried);
    const b = anotherInstance('instance B');
    clock += LEASE_MS + 1;
    await b.jobs.beat();
    expect((await stateOf(stalled)).state).toBe('failed');
    const again = await b.jobs.retry(retried.id);
    expect(again).toMatchObject({ state: 'queued', owner: 'instance B' });
    await startedCount(b.started, 1);

    for (const build of a.started) build.finish();
    await a.jobs.idle();
    expect((await stateOf(stalled)).state).toBe('done');
    // A's late end of the retried job is not written over B's run.
    expect(await rowOf(retried)).toMatchObject({ state: 'building', owner: 'instance B' });
    b.started[0]?.finish();
    await b.jobs.idle();
    expect((await stateOf(retried)).state).toBe('done');
  });

  it('at start-up fails the abandoned jobs only: those of an instance gone past its lease, and those from before jobs had owners', async () => {
    const a = heldBuilds('instance A');
    const live = await a.jobs.submit(upload('live.svs'));
    await building(live);
    const gone = anotherInstance('instance gone');
    const orphan = await gone.jobs.submit(upload('orphan.svs'));
    await building(orphan);
    const ownerless = await a.jobs.submit(upload('old.svs'));
    await database.db.updateTable('import_jobs').set({ owner: null, heartbeat_at: null }).where('id', '=', ownerless.id).execute();

    clock += LEASE_MS / 2;
    await a.jobs.beat();
    clock += LEASE_MS / 2 + 1;
    await bootstrap(database.db, { dataDir: database.dataDir, demo: false, now, importJobLeaseMs: LEASE_MS });
    expect((await stateOf(live)).state).toBe('building');
    expect((await stateOf(orphan)).state).toBe('failed');
    expect(await stateOf(ownerless)).toMatchObject({ state: 'failed', code: 'serverStopped' });
    for (const build of a.started) build.finish();
    await a.jobs.idle();
  });

  it('cancels a queued job at once and a running one at its next step, which ends cancelled with what it had imported', async () => {
    const { jobs, started } = heldBuilds();
    const running = await jobs.submit(upload('running.svs'));
    const second = await jobs.submit(upload('second.svs'));
    const waiting = await jobs.submit(upload('waiting.svs'));
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
      now,
      owner: 'instance A',
      ticker: handTicked,
      importFile: (_job, _onProgress, _onCounts, _secret, signal) => {
        signals.push(signal);
        return new Promise<ImportReport>((resolve) => signal.addEventListener('abort', () => resolve({ outcomes: [], itemIds: [] })));
      },
    });
    const row = await jobs.submit(upload('slide.svs'));
    while (signals.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(signals[0]?.aborted).toBe(false);
    expect(await jobs.cancel(row.id)).toBe('stopping');
    await jobs.idle();
    expect(signals[0]?.aborted).toBe(true);
    expect(await stateOf(row)).toMatchObject({ state: 'cancelled', report: { outcomes: [{ file: 'slide.svs', status: 'refused', reason: CANCELLED_REASON }], itemIds: [] } });
  });
  it("cancels another instance's job: a queued one at once, never run; a building one at its owner's next heartbeat, through its signal", async () => {
    const a = heldBuilds('instance A');
    const first = await a.jobs.submit(upload('first.svs'));
    const second = await a.jobs.submit(upload('second.svs'));
    const waiting = await a.jobs.submit(upload('waiting.svs'));
    await startedCount(a.started, 2);
    await building(first);
    const b = anotherInstance('instance B');

    expect(await b.jobs.cancel(waiting.id)).toBe('cancelled');
    expect(await stateOf(waiting)).toMatchObject({ state: 'cancelled', report: { outcomes: [{ file: 'waiting.svs', status: 'refused', reason: CANCELLED_REASON }], itemIds: [] } });

    expect(await b.jobs.cancel(first.id)).toBe('stopping');
    expect((await rowOf(first)).cancel_requested_at).toBe(now().toISOString());
    // Only A's heartbeat carries the cancel to its build.
    expect(a.started[0]?.signal.aborted).toBe(false);
    clock += BUILDING_BEAT_MS;
    await a.jobs.beat();
    expect(a.started[0]?.signal.aborted).toBe(true);
    expect(a.started[1]?.signal.aborted).toBe(false);

    // The build stops with what it had imported; the queued job cancelled elsewhere never starts.
    a.started[0]?.finish();
    a.started[1]?.finish();
    await a.jobs.idle();
    expect(a.started).toHaveLength(2);
    expect(await stateOf(first)).toMatchObject({ state: 'cancelled', report: { outcomes: [{ file: 'first.svs', status: 'imported' }] } });
    expect((await stateOf(second)).state).toBe('done');
    expect((await stateOf(waiting)).state).toBe('cancelled');
    expect(await b.jobs.cancel(first.id)).toBe('notRunning');
  });

  it('asks a job its owner has just started to stop, and a retried job is no longer asked', async () => {
    const a = heldBuilds('instance A');
    const job = await a.jobs.submit(upload('raced.svs'));
    await startedCount(a.started, 1);
    const b = anotherInstance('instance B');
    // B saw the job queued, but A's claim came first: the cancel becomes a request A's beat reads.
    expect(await b.jobs.cancel(job.id)).toBe('stopping');
    await a.jobs.beat();
    expect(a.started[0]?.signal.aborted).toBe(true);
    a.started[0]?.finish();
    await a.jobs.idle();
    expect((await stateOf(job)).state).toBe('cancelled');

    // A job retried after its cancel is no longer asked to stop.
    await database.db.updateTable('import_jobs').set({ state: 'failed' }).where('id', '=', job.id).execute();
    await a.jobs.retry(job.id);
    await startedCount(a.started, 2);
    await a.jobs.beat();
    expect(a.started[1]?.signal.aborted).toBe(false);
    a.started[1]?.finish();
    await a.jobs.idle();
    expect((await stateOf(job)).state).toBe('done');
  });
});
