/**
 * Image bytes leave the database for the blob store (server/blobs). A migration cannot reach the
 * data folder, so this one only reshapes the schema: `blobs` lists every blob by SHA-256,
 * `item_files` keeps the SHA-256 and loses `bytes`, and the bytes of an older database wait in
 * `legacy_blob_bytes` (one row per distinct content) until the start-up step
 * `moveLegacyBlobsOut` writes them to the store and deletes each row. Every step is safe to run
 * again: SQLite runs migrations outside a transaction, so a start killed midway repeats it.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { bytesType, hasColumn } from '../dialect';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const blobStore: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('blobs')
      .ifNotExists()
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('legacy_blob_bytes')
      .ifNotExists()
      .addColumn('sha256', 'text', (c) => c.primaryKey().references('blobs.sha256'))
      .addColumn('bytes', bytesType(db), (c) => c.notNull())
      .execute();
    if (!(await hasColumn(db, 'item_files', 'bytes'))) return;
    // Set-based copies run inside the database: no row passes through this process.
    // (`where true`: SQLite's upsert after a SELECT needs a WHERE to parse.)
    await sql`
      insert into blobs (sha256, size, created_at)
      select sha256, max(size), min(created_at) from item_files where true group by sha256
      on conflict (sha256) do nothing`.execute(db);
    await sql`
      insert into legacy_blob_bytes (sha256, bytes)
      select sha256, bytes from item_files where true
      on conflict (sha256) do nothing`.execute(db);
    await db.schema.alterTable('item_files').dropColumn('bytes').execute();
  },
};
