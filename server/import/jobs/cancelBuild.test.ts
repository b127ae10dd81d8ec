/**
 * A cancel reaches the tool building the file in hand: a real `vips dzsave` of a slide and a real
 * ffmpeg decode of a video, each held at a known point (the test stops the child with SIGSTOP as
 * it starts, as the queue's own importer runs it), then cancelled through the queue. The child is
 * gone, its work folders are gone, nothing of the file is in the blob store or the database, and
 * the job ends cancelled naming the file stopped. No sleep: the held child cannot finish first.
 * A DICOM series cancelled at its second instance's decode had stored the first one's frames:
 * the job collects them as it ends (server/blobs/gc/jobBlobs.ts), so the store is as before.
 * And of two videos imported in one run, the one imported before the cancel stays.
 */
import type { ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { blobStoreIn, type DiskBlobStore } from '../../blobs/diskBlobStore';
import { referencedBlobKeys } from '../../blobs/gc/blobReferences';
import { prepareDatabase } from '../../bootstrap';
import { observeChildren } from '../../processes/stopOnAbort';
import { ALIVE_FILE, WorkDirs } from '../../workDirs/workDirs';
import { createDataset } from '../../services/datasets';
import { makeImg2dcmSeries } from '../../testing/dicomFrameFixtures';
import { makeTestVideo } from '../../testing/frameFixtures';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { importDicomFiles } from '../importFiles';
import { STOPPED_BY_CANCEL_REASON } from '../stoppedByCancel';
import { ImportJobs, type Ticker } from './importJobs';
import { findImportJob, importJobOf, type ImportJobRow } from './jobRows';
import { storeStillsManifest } from './stillsFolderJob';

/** A ticker that never fires: a cancel on this instance tells its build at once. */
const handTicked: Ticker = () => () => undefined;

/** Every file under `dir`, relative to it (none when it does not exist). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length));
}

/** Whether a process of this pid exists (signal 0 only asks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.each(testDialects('cancel of a real build'))('a cancelled build on %s', (dialect) => {
  let database: TestDatabase;
  let datasetId: string;
  let blobs: DiskBlobStore;
  /** Inputs made by the test, beside the data folder. */
  let work: string;
  /** The import's work folders, under this test's own data folder: other tests' folders never show here. */
  let workDirs: WorkDirs;
  const now = () => new Date();

  beforeEach(async () => {
    database = await openTestDatabase(dialect);
    await prepareDatabase(database.db);
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    datasetId = (await createDataset(database.db, { name: 'cancelled', description: '', labelSetId: id, labelSetVersion: version }, null, now().toISOString())).id;
    blobs = blobStoreIn(database.dataDir);
    work = await mkdtemp(join(tmpdir(), 'mejirushi-cancel-test-'));
    workDirs = new WorkDirs(database.dataDir, 'cancel-test');
  });
  afterEach(async () => {
    await workDirs.close();
    await rm(work, { recursive: true, force: true });
    await database.dispose();
  });

  /**
   * Submits `path` as an upload's job, holds the first `command` child its build starts (SIGSTOP),
   * cancels the job while the child is held, lets `resume` decide how the child is let go, and
   * answers the child, the job's row and the blob store's files before the job.
   */
  async function cancelWhileHeld(path: string, fileName: string, command: string, resume: (child: ChildProcess) => void) {
    const source = await blobs.put(createReadStream(path));
    const blobsBefore = await filesUnder(join(database.dataDir, 'blobs'));
    const blobRowsBefore = await database.db.selectFrom('blobs').select('sha256').execute();
    const jobs = new ImportJobs({ db: database.db, blobs, now, owner: 'instance A', ticker: handTicked, workDirs });
    let held: ChildProcess | undefined;
    let heldNow: () => void = () => undefined;
    const heldChild = new Promise<void>((resolve) => (heldNow = resolve));
    const stopObserving = observeChildren((child, name) => {
      if (name !== command || held) return;
      held = child;
      child.kill('SIGSTOP');
      heldNow();
    });
    try {
      const job = await jobs.submit({ datasetId, createdBy: null, fileName, kind: 'file', source });
      await heldChild;
      const child = held as ChildProcess;
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
      expect(alive(child.pid as number)).toBe(true);
      expect(await jobs.cancel(job.id)).toBe('stopping');
      resume(child);
      await jobs.idle();
      return { child, exitedBy: await exited, row: (await findImportJob(database.db, job.id)) as ImportJobRow, blobsBefore, blobRowsBefore };
    } finally {
      stopObserving();
      await jobs.close();
    }
  }

  /** `output`: the child's argument naming a file in its work folder. */
  async function expectNothingKept(fileName: string, outcome: Awaited<ReturnType<typeof cancelWhileHeld>>, output: string) {
    const { child, row, blobsBefore, blobRowsBefore } = outcome;
    expect(alive(child.pid as number)).toBe(false);
    // The tool's work folder, under the data folder, is gone with every other work folder.
    expect(dirname(dirname(output))).toBe(workDirs.root);
    expect(await readdir(workDirs.root)).toEqual([ALIVE_FILE]);
    expect(await filesUnder(join(database.dataDir, 'blobs'))).toEqual(blobsBefore);
    expect(await database.db.selectFrom('blobs').select('sha256').execute()).toEqual(blobRowsBefore);
    expect(await database.db.selectFrom('items').select('id').where('dataset_id', '=', datasetId).execute()).toEqual([]);
    expect(await database.db.selectFrom('slides').select('item_id').execute()).toEqual([]);
    expect(await database.db.selectFrom('item_files').select('id').execute()).toEqual([]);
    expect(importJobOf(row)).toMatchObject({
      state: 'cancelled',
      report: { outcomes: [{ file: fileName, status: 'refused', code: 'stoppedByCancel', reason: STOPPED_BY_CANCEL_REASON }], itemIds: [] },
    });
  }

  it('stops vips cutting a slide into tiles and keeps nothing of the slide', async () => {
    const slide = join(work, '..', `${work.split('/').at(-1)}-slide.tif`);
    const noise = await sharp({ create: { width: 1024, height: 1024, channels: 3, background: '#c08080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .png()
      .toBuffer();
    await sharp(noise).tiff({ tile: true, tileWidth: 256, tileHeight: 256, pyramid: true, compression: 'deflate' }).toFile(slide);
    try {
      // A stopped process holds SIGTERM pending, so the SIGKILL after the grace ends it; unless
      // the kernel lets the stop go first (SIGCONT to an orphaned process group, as under some
      // runners), when the pending SIGTERM does. The escalation itself: stopOnAbort.test.ts.
      const outcome = await cancelWhileHeld(slide, 'slide.tif', 'vips', () => undefined);
      const [, operation, , base] = outcome.child.spawnargs;
      expect(operation).toBe('dzsave');
      expect(['SIGKILL', 'SIGTERM']).toContain(outcome.exitedBy);
      await expectNothingKept('slide.tif', outcome, base as string);
    } finally {
      await rm(slide, { force: true });
    }
  });

  it('stops ffmpeg decoding a video with SIGTERM and keeps nothing of the video', async () => {
    const video = join(work, '..', `${work.split('/').at(-1)}-video.mp4`);
    await makeTestVideo(video, { format: 'mp4', width: 320, height: 240, fps: 25, seconds: 4 });
    try {
      // Let go once the queue has sent SIGTERM (cancel has answered): the pending SIGTERM ends it.
      const outcome = await cancelWhileHeld(video, 'endoscopy.mp4', 'ffmpeg', (child) => child.kill('SIGCONT'));
      // ffmpeg ends on SIGTERM by its own handler (exit 255), before any grace runs out; a decode let finish would exit 0.
      expect([255, 'SIGTERM']).toContain(outcome.exitedBy);
      await expectNothingKept('endoscopy.mp4', outcome, outcome.child.spawnargs.at(-1) as string);
    } finally {
      await rm(video, { force: true });
    }
  });
  it('collects the frames a DICOM series had stored when its next instance was cancelled, and keeps every blob a row names', async () => {
    const instances = await makeImg2dcmSeries(work, 'endoscopic', [96, 112], [1, 2]);
    const staged = [];
    for (const path of instances) staged.push({ name: basename(path), sha256: (await blobs.put(createReadStream(path))).sha256 });
    // The folder job imports whatever its staged files are; two VL Endoscopic instances make one series, decoded one by one.
    const manifest = await storeStillsManifest(blobs, { files: staged });
    const blobsBefore = await filesUnder(join(database.dataDir, 'blobs'));
    const jobs = new ImportJobs({ db: database.db, blobs, now, owner: 'instance A', ticker: handTicked, workDirs });
    let decodes = 0;
    let heldNow: (child: ChildProcess) => void = () => undefined;
    const secondDecode = new Promise<ChildProcess>((resolve) => (heldNow = resolve));
    const stopObserving = observeChildren((child, name) => {
      if (name !== 'dcmj2pnm' || ++decodes !== 2) return;
      child.kill('SIGSTOP');
      heldNow(child);
    });
    try {
      const job = await jobs.submit({ datasetId, createdBy: null, fileName: 'endoscopy/', kind: 'stillsFolder', source: manifest });
      const child = await secondDecode;
      // The first instance's frame is in the store, named by no row yet.
      const storedBeforeCancel = await filesUnder(join(database.dataDir, 'blobs'));
      expect(storedBeforeCancel.length).toBe(blobsBefore.length + 1);
      expect(await jobs.cancel(job.id)).toBe('stopping');
      child.kill('SIGCONT');
      await jobs.idle();
      const row = (await findImportJob(database.db, job.id)) as ImportJobRow;
      expect(importJobOf(row)).toMatchObject({ state: 'cancelled', report: { outcomes: staged.map((still) => ({ file: still.name, status: 'refused', code: 'stoppedByCancel' })), itemIds: [] } });
      expect(await filesUnder(join(database.dataDir, 'blobs'))).toEqual(blobsBefore);
      for (const key of await referencedBlobKeys(database.db, blobs)) expect(await blobs.stat(key), key).not.toBeNull();
      expect(await database.db.selectFrom('item_files').select('id').execute()).toEqual([]);
    } finally {
      stopObserving();
      await jobs.close();
    }
  });

  it('keeps a video imported before the cancel and stops the next one in hand', async () => {
    const first = join(work, '..', `${work.split('/').at(-1)}-first.mp4`);
    const second = join(work, '..', `${work.split('/').at(-1)}-second.webm`);
    await makeTestVideo(first, { format: 'mp4', width: 160, height: 120, fps: 10, seconds: 1 });
    await makeTestVideo(second, { format: 'webm', width: 160, height: 120, fps: 10, seconds: 1 });
    const cancel = new AbortController();
    let decodes = 0;
    // The second ffmpeg decode is the second video's: cancelled as it starts.
    const stopObserving = observeChildren((_child, name) => {
      if (name === 'ffmpeg' && ++decodes === 2) cancel.abort();
    });
    try {
      const files = [first, second].map((path) => ({ name: path.split('/').at(-1) as string, path }));
      const report = await importDicomFiles(database.db, datasetId, files, null, { blobs, now, workDirs, signal: cancel.signal });
      const [kept, stopped] = report.outcomes;
      expect(kept).toMatchObject({ file: files[0]?.name, status: 'imported' });
      expect(stopped).toMatchObject({ file: files[1]?.name, status: 'refused', code: 'stoppedByCancel' });
      expect(report.itemIds).toHaveLength(1);
      expect(await database.db.selectFrom('items').select('id').where('dataset_id', '=', datasetId).execute()).toEqual([{ id: report.itemIds[0] }]);
    } finally {
      stopObserving();
      await rm(first, { force: true });
      await rm(second, { force: true });
    }
  });
});
