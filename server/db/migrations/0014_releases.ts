/**
 * Dataset releases (issue 9): `releases` holds each numbered, immutable snapshot of a dataset's
 * approved work with the sha256 of its manifest; `release_files` names its export files, whose
 * bytes live in the blob store. No route updates or deletes either table.
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const releasesMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('releases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('label_set_id', 'text', (c) => c.notNull())
      .addColumn('label_set_version', 'integer', (c) => c.notNull())
      .addColumn('item_count', 'integer', (c) => c.notNull())
      .addColumn('record_count', 'integer', (c) => c.notNull())
      .addColumn('manifest_sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
      .addUniqueConstraint('releases_number', ['dataset_id', 'number'])
      .execute();

    await db.schema
      .createTable('release_files')
      .addColumn('release_id', 'text', (c) => c.notNull().references('releases.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('release_files_pk', ['release_id', 'name'])
      .execute();
  },
};
