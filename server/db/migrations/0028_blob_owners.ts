/**
 * `blob_owners`: which rows keep a blob that no column names, the blobs a row names only inside
 * its content (a frame set's sprite sheets and stills' originals, a DICOM WSI's instances) or an
 * admin's raw upload. From here on a `blobs` row is the store's catalog (size, first recorded) and
 * no longer keeps its blob: the collector counts the blob-key columns and these rows, and an
 * owner's rows go with it, so a blob whose rows were deleted is collected (server/blobs/gc).
 *
 * Which row kept a blob recorded before this migration is not known (a sprite sheet is named only
 * inside a manifest, which is a blob; a migration cannot read the store), so each `blobs` row no
 * column names gets a `legacy` owner and stays, as every blob did before. The columns are those of
 * 0027. Re-runnable: SQLite runs migrations outside a transaction.
 */
import { sql, type Kysely, type Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

/** The blob-key columns as of 0027 (blobReferences.ts lists today's). */
const COLUMNS_0027: readonly (readonly [string, string])[] = [
  ['item_files', 'sha256'],
  ['slides', 'pack_sha256'],
  ['slides', 'index_sha256'],
  ['slides', 'source_sha256'],
  ['outline_layers', 'sha256'],
  ['model_files', 'sha256'],
  ['releases', 'manifest_sha256'],
  ['release_files', 'sha256'],
  ['import_jobs', 'source_sha256'],
  ['legacy_blob_bytes', 'sha256'],
];

export const blobOwners: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('blob_owners')
      .ifNotExists()
      .addColumn('owner_kind', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      // An owner's rows are deleted by its kind and id: the key's prefix.
      .addPrimaryKeyConstraint('blob_owners_pk', ['owner_kind', 'owner_id', 'sha256'])
      .execute();
    // The collector looks blobs up by key.
    await db.schema.createIndex('blob_owners_sha256').ifNotExists().on('blob_owners').column('sha256').execute();
    const named = COLUMNS_0027.map(([table, column]) => sql`not exists (select 1 from ${sql.table(table)} r where r.${sql.ref(column)} = b.sha256)`);
    await sql`
      insert into blob_owners (owner_kind, owner_id, sha256)
      select 'legacy', '', b.sha256 from blobs b where ${sql.join(named, sql` and `)}
      on conflict do nothing`.execute(db);
  },
};
