/**
 * The full sweep on a real database and a real store: a CT series imported for real (its files
 * referenced by rows), a folder job's staged still (named only in its manifest), and loose blobs
 * made old or left young by their mtime. Then the CLI, as a user runs it.
 */
import { utimes } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { prepareDatabase } from '../../bootstrap';
import { generateHeadCtPhantom } from '../../demo/phantom';
import { importDicomFiles } from '../../import/importFiles';
import { finishImportJob, insertImportJob } from '../../import/jobs/jobRows';
import { storeStillsManifest } from '../../import/jobs/stillsFolderJob';
import { createDataset } from '../../services/datasets';
import { runScript } from '../../testing/processes';
import { openTestDatabase, testDialects, type TestDatabase, type TestDialect } from '../../testing/testDatabase';
import type { StoredBlob } from '../blobStore';
import { blobStoreIn, type DiskBlobStore } from '../diskBlobStore';
import { referencedBlobKeys } from './blobReferences';
import { collectUnreferencedBlobs } from './collectBlobs';

const HOUR = 3_600_000;
const LEASE = 30_000;

interface Setup {
  readonly database: TestDatabase;
  readonly blobs: DiskBlobStore;
  readonly datasetId: string;
}

async function setUp(dialect: TestDialect): Promise<Setup> {
  const database = await openTestDatabase(dialect);
  await prepareDatabase(database.db);
  const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
  const datasetId = (await createDataset(database.db, { name: 'gc', description: '', labelSetId: id, labelSetVersion: version }, null, new Date().toISOString())).id;
  return { database, blobs: blobStoreIn(database.dataDir), datasetId };
}

/** A blob no row names, last put `ageMs` ago. */
async function loose({ blobs }: Setup, text: string, ageMs: number): Promise<StoredBlob> {
  const blob = await blobs.put(Readable.from([Buffer.from(text)]));
  const at = new Date(Date.now() - ageMs);
  await utimes(blobs.pathOf(blob.sha256), at, at);
  return blob;
}

/** A series of real rows, every blob of the store made two hours old, then two loose blobs and a failed folder job's staged still. */
async function fixture(setup: Setup) {
  const { database, blobs, datasetId } = setup;
  const files = generateHeadCtPhantom({ sliceCount: 6, seed: 3 }).files.slice(0, 4).map((file) => ({ name: file.name, bytes: file.bytes }));
  const report = await importDicomFiles(database.db, datasetId, files, null, { blobs });
  expect(report.itemIds).toHaveLength(1);
  for await (const blob of blobs.list()) await utimes(blobs.pathOf(blob.sha256), new Date(Date.now() - 2 * HOUR), new Date(Date.now() - 2 * HOUR));
  const old = await loose(setup, 'left by a cancelled import', 2 * HOUR);
  const young = await loose(setup, 'an import in flight', HOUR / 2);
  const staged = await loose(setup, 'a staged still of a failed folder job', 2 * HOUR);
  const manifest = await storeStillsManifest(blobs, { files: [{ name: 'a.png', sha256: staged.sha256 }] });
  const job = await insertImportJob(database.db, { datasetId, createdBy: null, fileName: 'stills/', kind: 'stillsFolder', source: manifest }, 'gone', new Date().toISOString());
  await finishImportJob(database.db, job.id, 'gone', { outcomes: [{ file: 'a.png', status: 'refused', reason: 'disk full' }], itemIds: [] }, new Date().toISOString());
  return { old, young, staged };
}

async function listedKeys(blobs: DiskBlobStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const blob of blobs.list()) keys.push(blob.sha256);
  return keys.sort();
}

describe.each(testDialects('blob collection'))('blob collection on %s', (dialect) => {
  let setup: Setup;
  beforeEach(async () => {
    setup = await setUp(dialect);
  });
  afterEach(() => setup.database.dispose());

  it('deletes only unreferenced blobs older than the grace period; a dry run deletes nothing', async () => {
    const { database, blobs } = setup;
    const { old, young, staged } = await fixture(setup);
    const before = await listedKeys(blobs);
    const referenced = await referencedBlobKeys(database.db, blobs);
    expect(referenced.has(staged.sha256)).toBe(true);
    // The 4 DICOM files and the folder job's manifest, its staged still, and the two loose blobs.
    expect(before).toHaveLength(8);

    const options = { now: new Date(), graceMs: HOUR, leaseMs: LEASE };
    const dry = await collectUnreferencedBlobs(database.db, blobs, { ...options, dryRun: true });
    expect(dry).toEqual({ skipped: null, listed: 8, referenced: 6, young: 1, collected: 1, bytes: old.size });
    expect(await listedKeys(blobs)).toEqual(before);

    expect(await collectUnreferencedBlobs(database.db, blobs, options)).toEqual(dry);
    expect(await listedKeys(blobs)).toEqual(before.filter((key) => key !== old.sha256));
    for (const key of referenced) expect(await blobs.stat(key), key).not.toBeNull();
    expect(await blobs.stat(young.sha256)).toEqual(young);

    // Again: nothing left to collect.
    expect(await collectUnreferencedBlobs(database.db, blobs, options)).toMatchObject({ listed: 7, collected: 0, bytes: 0 });
  });

  it('collects nothing while an import job is live on any instance, and once its owner has gone silent for the lease', async () => {
    const { database, blobs, datasetId } = setup;
    const { old } = await fixture(setup);
    const source = await blobs.put(Readable.from([Buffer.from('a slide')]));
    const startedAt = new Date();
    await insertImportJob(database.db, { datasetId, createdBy: null, fileName: 'slide.svs', kind: 'file', source }, 'instance B', startedAt.toISOString());
    const options = { graceMs: HOUR, leaseMs: LEASE };
    expect(await collectUnreferencedBlobs(database.db, blobs, { ...options, now: startedAt })).toEqual({ skipped: 'importJobsRunning', liveJobs: 1 });
    expect(await blobs.stat(old.sha256)).toEqual(old);
    expect(await collectUnreferencedBlobs(database.db, blobs, { ...options, now: new Date(startedAt.getTime() + LEASE + 1) })).toMatchObject({ skipped: null, collected: 1 });
    expect(await blobs.stat(old.sha256)).toBeNull();
    expect(await blobs.stat(source.sha256)).toEqual(source);
  });
});

// The command itself on the SQLite file of a data folder; the sweep it runs is checked on both dialects above.
describe('npm run blobs:gc', () => {
  let setup: Setup;
  beforeEach(async () => {
    setup = await setUp('sqlite');
  });
  afterEach(() => setup.database.dispose());

  it('prints counts and MiB only, deletes nothing on a dry run, and keeps blobs younger than its grace', async () => {
    const { database, blobs } = setup;
    const { old, young } = await fixture(setup);
    const dry = await runScript('server/cli/blobsGc.ts', ['--data', database.dataDir, '--dry-run', '--grace', '1h']);
    expect(dry.code).toBe(0);
    expect(dry.stdout.trim()).toBe('blobs:gc: would delete 1 unreferenced blob(s), 0.0 MiB; kept 6 referenced and 1 too young, of 8 listed.');
    expect(await blobs.stat(old.sha256)).toEqual(old);

    const run = await runScript('server/cli/blobsGc.ts', ['--data', database.dataDir, '--grace', '1h']);
    expect(run.stdout.trim()).toBe('blobs:gc: deleted 1 unreferenced blob(s), 0.0 MiB; kept 6 referenced and 1 too young, of 8 listed.');
    expect(await blobs.stat(old.sha256)).toBeNull();
    // The default grace (a day) keeps the half-hour-old one.
    expect((await runScript('server/cli/blobsGc.ts', ['--data', database.dataDir])).stdout.trim()).toBe('blobs:gc: deleted 0 unreferenced blob(s), 0.0 MiB; kept 6 referenced and 1 too young, of 7 listed.');
    expect(await blobs.stat(young.sha256)).toEqual(young);

    const bad = await runScript('server/cli/blobsGc.ts', ['--data', database.dataDir, '--grace', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--grace must be a duration');
  });
});
