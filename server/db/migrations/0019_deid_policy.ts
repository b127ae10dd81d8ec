/**
 * De-identification (issue 11): `deid_policies`, a dataset's policy (none: `off`, as every
 * dataset made before); `deid_keys`, the project keys of the keyed hashes (UIDs, date shifts),
 * read by no route but the admin-only key route; `deid_reports`, what de-identification did to
 * each stored file (attribute names and actions, no values), listed per dataset for admins.
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const deidPolicy: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('deid_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('deid_policies')
      .addColumn('dataset_id', 'text', (c) => c.primaryKey().references('datasets.id').onDelete('cascade'))
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('options', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull().references('deid_keys.id'))
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('deid_reports')
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addColumn('sop_instance_uid', 'text', (c) => c.notNull())
      .addColumn('report', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('deid_reports_pk', ['dataset_id', 'sop_instance_uid'])
      .execute();
  },
};
