import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { SAH_SLICE_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { readWholeBlob } from '../../blobs/blobStore';
import { blobStoreIn } from '../../blobs/diskBlobStore';
import { moveLegacyBlobsOut } from '../../blobs/moveOut';
import { bootstrap } from '../../bootstrap';
import { createDataset } from '../../services/datasets';
import { seedBuiltinLabelSets } from '../../services/labelSets';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { hasColumn } from '../dialect';
import { migrateBefore, migrateToLatest } from '../migrations';
import { blobStore } from './0003_blob_store';

// any: the foundation-era schema (item_files.bytes) is not today's typed Database.
type AnyDb = Kysely<any>;

const FILES = 205; // more than one batch of the move-out step
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A database as the foundation left it: migrations 0001–0002 only, DICOM bytes in `item_files`. */
async function foundationDatabase(database: TestDatabase): Promise<Buffer[]> {
  const old = database.db as AnyDb;
  await migrateBefore(old, '0003');
  await seedBuiltinLabelSets(database.db);
  const at = '2026-01-01T00:00:00.000Z';
  const dataset = await createDataset(database.db, { name: 'old', description: '', labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version }, null, at);
  await old
    .insertInto('items')
    .values({ id: 'item-1', dataset_id: dataset.id, title: 't', kind: 'series', content: '{}', target_ids: '[]', target_count: 0, source_key: null, sort_key: 't', created_at: at, updated_at: at })
    .execute();
  const contents = Array.from({ length: FILES }, (_, i) => Buffer.from(`DICOM bytes of instance ${i} `.repeat(50 + i)));
  // The last file repeats the first one's content: one blob for both.
  const rows = [...contents, contents[0]!].map((bytes, i) => ({
    id: `file-${i}`,
    item_id: 'item-1',
    dataset_id: dataset.id,
    sop_instance_uid: `1.2.3.${i}`,
    meta: '{}',
    bytes,
    sha256: sha(bytes),
    size: bytes.length,
    name: `${i}.dcm`,
    created_at: at,
  }));
  for (const row of rows) await old.insertInto('item_files').values(row).execute();
  return contents;
}

describe.each(testDialects('blob store migration'))('migration 0003 (blob store) on %s', (dialect) => {
  let database: TestDatabase;
  afterEach(async () => database.dispose());

  it('moves a foundation-era database’s bytes to the blob store at start, once per content', async () => {
    database = await openTestDatabase(dialect);
    const contents = await foundationDatabase(database);
    const started = await bootstrap(database.db, { dataDir: database.dataDir, demo: false });
    expect(started.migrationsApplied).toContain('0003_blob_store');

    expect(await hasColumn(database.db, 'item_files', 'bytes')).toBe(false);
    expect(await database.db.selectFrom('legacy_blob_bytes').select('sha256').execute()).toEqual([]);
    // The start also seeds the built-in models' files into the store: those are not the move's.
    const modelFiles = new Set((await database.db.selectFrom('model_files').select('sha256').execute()).map((row) => row.sha256));
    const blobs = (await database.db.selectFrom('blobs').select(['sha256', 'size']).execute()).filter((blob) => !modelFiles.has(blob.sha256));
    expect(blobs).toHaveLength(FILES);
    const store = blobStoreIn(database.dataDir);
    for (const bytes of contents) {
      expect(blobs).toContainEqual({ sha256: sha(bytes), size: bytes.length });
      expect((await readWholeBlob(store, sha(bytes))).equals(bytes)).toBe(true);
    }
    const files = await database.db.selectFrom('item_files').select(['id', 'sha256']).orderBy('id').execute();
    expect(files).toHaveLength(FILES + 1);
    expect(files.find((f) => f.id === `file-${FILES}`)?.sha256).toBe(sha(contents[0]!));
  });

  it('finishes the move after a start killed midway, and runs its schema steps again harmlessly', async () => {
    database = await openTestDatabase(dialect);
    const contents = await foundationDatabase(database);
    await migrateToLatest(database.db);
    // The killed start had stored one blob but not yet deleted its row, and was writing another.
    const store = blobStoreIn(database.dataDir);
    await store.put(Readable.from([contents[3]!]));
    mkdirSync(join(database.dataDir, 'blobs', 'tmp'), { recursive: true });
    writeFileSync(join(database.dataDir, 'blobs', 'tmp', 'killed.part'), contents[4]!.subarray(0, 10));
    // SQLite runs migrations outside a transaction: a start killed inside 0003 runs it again.
    await blobStore.up(database.db as AnyDb);

    expect(await moveLegacyBlobsOut(database.db, store)).toBe(FILES);
    expect(await moveLegacyBlobsOut(database.db, store)).toBe(0);
    for (const bytes of contents) expect((await readWholeBlob(store, sha(bytes))).equals(bytes)).toBe(true);
    expect(await database.db.selectFrom('blobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: FILES });
  });
});
