/**
 * Migration 0028 on a database of 0027 holding blobs: a `blobs` row no column names (a sprite
 * sheet, a raw upload: whose, the database does not say) gets a `legacy` owner and stays kept; one
 * a column names gets none, so it goes once that row does. Both dialects.
 */
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { blobStoreIn } from '../../blobs/diskBlobStore';
import { referencedBlobKeys } from '../../blobs/gc/blobReferences';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { migrateBefore, migrateToLatest, MIGRATIONS } from '../migrations';

// any: the schema before 0028 (no blob_owners) is not today's typed Database.
type AnyDb = Kysely<any>;

const key = (hex: string) => hex.repeat(64);

describe.each(testDialects('0028_blob_owners'))('migration 0028_blob_owners on %s', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  it('gives a legacy owner to each recorded blob no column names, and none to the others', async () => {
    database = await openTestDatabase(dialect);
    const old = database.db as AnyDb;
    await migrateBefore(old, '0028');
    const at = '2026-01-01T00:00:00.000Z';
    const [sheet, upload, modelFile] = [key('a'), key('b'), key('c')];
    await old.insertInto('blobs').values([sheet, upload, modelFile].map((sha256) => ({ sha256, size: 1, created_at: at }))).execute();
    await old.insertInto('models').values({ id: 'm', version: '1.0.0', manifest: '{}', builtin: 0, enabled: 1, uploaded_by: null, created_at: at }).execute();
    await old.insertInto('model_files').values({ model_id: 'm', model_version: '1.0.0', role: 'model', sha256: modelFile }).execute();

    await migrateToLatest(old);
    const owners = await database.db.selectFrom('blob_owners').selectAll().orderBy('sha256').execute();
    expect(owners).toEqual([
      { owner_kind: 'legacy', owner_id: '', sha256: sheet },
      { owner_kind: 'legacy', owner_id: '', sha256: upload },
    ]);
    // Again (SQLite reruns a migration a killed start left midway): the same rows.
    await MIGRATIONS['0028_blob_owners']?.up(old);
    expect(await database.db.selectFrom('blob_owners').selectAll().orderBy('sha256').execute()).toEqual(owners);

    const blobs = blobStoreIn(database.dataDir);
    expect([...(await referencedBlobKeys(database.db, blobs))].sort()).toEqual([sheet, upload, modelFile]);
    await database.db.deleteFrom('model_files').execute();
    expect([...(await referencedBlobKeys(database.db, blobs))].sort()).toEqual([sheet, upload]);
  });
});
