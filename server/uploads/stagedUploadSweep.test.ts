/**
 * The idle sweep's timer, driven by hand (a ticker the test holds, a clock it moves; no sleeping):
 * a session idle past its time goes at the next tick, rows and blobs, with an audit row; one with a
 * recent file stays; the timer's period follows the idle time; stop stops it.
 */
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { SAH_SLICE_LABEL_SET } from '../../src/core/labelSets/builtin';
import { blobStoreIn } from '../blobs/diskBlobStore';
import { prepareDatabase } from '../bootstrap';
import { createDataset } from '../services/datasets';
import { createUser } from '../services/users';
import { openTestDatabase, testDialects, type TestDatabase } from '../testing/testDatabase';
import { startStagedUploadSweep } from './stagedUploadSweep';
import { createStagedUpload, stageFile } from './stagedUploads';

describe.each(testDialects('staged upload sweep'))('staged upload sweep timer (%s)', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  it('discards sessions idle past their time at the next tick, keeps busy ones, and stops when told', async () => {
    database = await openTestDatabase(dialect);
    const { db } = database;
    await prepareDatabase(db);
    const blobs = blobStoreIn(database.dataDir);
    let clock = Date.parse('2026-03-01T10:00:00.000Z');
    const now = () => new Date(clock);
    const at = () => now().toISOString();
    const admin = await createUser(db, { username: 'admin', displayName: 'Admin', password: 'correct horse battery', roles: ['admin'], mustChangePassword: false }, null, at());
    const dataset = await createDataset(db, { name: 'd', description: '', labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version }, null, at());
    const ticks: { tick: () => Promise<void>; everyMs: number; stopped: boolean }[] = [];
    const stop = startStagedUploadSweep(
      { db, blobs, now, idleMs: 10 * 60_000 },
      (tick, everyMs) => {
        const timer = { tick, everyMs, stopped: false };
        ticks.push(timer);
        return () => {
          timer.stopped = true;
        };
      },
      (error) => {
        throw error;
      },
    );
    expect(ticks.map((timer) => timer.everyMs)).toEqual([60_000]);
    const stage = async (uploadId: string, index: number, text: string) => {
      const stored = await blobs.put(Readable.from([Buffer.from(text)]));
      await stageFile(db, uploadId, admin.id, { index, name: `${index}.dcm`, stored, report: null, putAt: new Date() }, 1024 ** 3, at());
      return stored.sha256;
    };
    const left = await createStagedUpload(db, dataset.id, admin.id, at());
    const leftBlob = await stage(left.id, 0, 'left behind');
    clock += 8 * 60_000;
    const busy = await createStagedUpload(db, dataset.id, admin.id, at());
    await stage(busy.id, 0, 'still coming');

    await ticks[0]!.tick();
    expect((await db.selectFrom('staged_uploads').select('id').orderBy('id').execute()).length).toBe(2);

    clock += 3 * 60_000;
    await ticks[0]!.tick();
    expect(await db.selectFrom('staged_uploads').select('id').execute()).toEqual([{ id: busy.id }]);
    expect(await db.selectFrom('staged_upload_files').select('upload_id').execute()).toEqual([{ upload_id: busy.id }]);
    expect(await blobs.stat(leftBlob)).toBeNull();
    const audit = await db.selectFrom('audit_log').select(['action', 'user_id', 'detail']).where('entity_id', '=', left.id).orderBy('seq').execute();
    expect(audit.map((row) => [row.action, row.user_id, JSON.parse(row.detail) as unknown])).toEqual([
      ['stagedUpload.create', admin.id, { datasetId: dataset.id }],
      ['stagedUpload.abort', null, { reason: 'idle', files: 1 }],
    ]);

    stop();
    expect(ticks[0]!.stopped).toBe(true);
  });
});
