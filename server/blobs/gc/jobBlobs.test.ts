/**
 * A job's own collection: of the blobs put through its recorder, only those it made, that no row
 * names and that nobody put since go; a real store and database on both dialects.
 */
import { utimes } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../bootstrap';
import { recordBlob } from '../../services/blobs';
import { ownBlobs } from '../blobOwners';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { blobStoreIn, type DiskBlobStore } from '../diskBlobStore';
import { JobBlobRecorder } from './jobBlobs';

const bytes = (text: string) => Readable.from([Buffer.from(text)]);

describe.each(testDialects('a job collecting its own blobs'))('a job collecting its own blobs on %s', (dialect) => {
  let database: TestDatabase;
  let blobs: DiskBlobStore;
  beforeEach(async () => {
    database = await openTestDatabase(dialect);
    await prepareDatabase(database.db);
    blobs = blobStoreIn(database.dataDir);
  });
  afterEach(() => database.dispose());

  it('deletes what it made and nothing names (its catalog row too); keeps what it found stored, what a row names, and what was put again since', async () => {
    const foundStored = await blobs.put(bytes('stored by an earlier import'));
    const recorder = new JobBlobRecorder(blobs);
    const job = recorder.store;
    const orphan = await job.put(bytes('a frame of the instance stopped'));
    expect(await job.put(bytes('stored by an earlier import'))).toEqual(foundStored);
    const named = await job.put(bytes('a sprite sheet an item owns'));
    await recordBlob(database.db, named, new Date().toISOString());
    await ownBlobs(database.db, { kind: 'item', id: 'an item' }, [named]);
    // A catalog row alone keeps nothing.
    await recordBlob(database.db, orphan, new Date().toISOString());
    const putAgain = await job.put(bytes('a frame another import stores now'));
    // Another import put the same content after this job did (a put touches the file).
    const later = new Date(Date.now() + 5_000);
    await utimes(blobs.pathOf(putAgain.sha256), later, later);

    expect(await recorder.collect(database.db, blobs)).toEqual({ collected: 1, bytes: orphan.size });
    expect(await blobs.stat(orphan.sha256)).toBeNull();
    expect(await database.db.selectFrom('blobs').select('sha256').orderBy('sha256').execute()).toEqual([{ sha256: named.sha256 }]);
    for (const kept of [foundStored, named, putAgain]) expect(await blobs.stat(kept.sha256)).toEqual(kept);
    // Collecting again finds nothing more: deleting is idempotent.
    expect(await recorder.collect(database.db, blobs)).toEqual({ collected: 0, bytes: 0 });
  });
});
