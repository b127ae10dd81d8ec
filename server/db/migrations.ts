/**
 * The one set of migrations, run on SQLite and PostgreSQL alike. Migrations are frozen once
 * released: change the schema by adding a new one, never by editing an old one.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { addSequenceKey, bytesType, dialectOf } from './dialect';
import { blobStore } from './migrations/0003_blob_store';
import { recordsMigration } from './migrations/0004_records';
import { accountsMigration } from './migrations/0005_accounts';
import { itemImporting } from './migrations/0006_item_importing';
import { slidesMigration } from './migrations/0007_slides';
import { outlineLayers } from './migrations/0008_outline_layers';
import { slideTileVersion } from './migrations/0009_slide_tile_version';
import { importJobs } from './migrations/0010_import_jobs';
import { modelsMigration } from './migrations/0011_models';
import { auditChain } from './migrations/0012_audit_chain';
import { assignmentDue } from './migrations/0013_assignment_due';
import { releasesMigration } from './migrations/0014_releases';
import { reviewQueueMigration } from './migrations/0015_review_queue';
import { reviewComments } from './migrations/0016_review_comments';
import { consensusMigration } from './migrations/0017_consensus';
import { dashboardMigration } from './migrations/0018_dashboard';
import { deidPolicy } from './migrations/0019_deid_policy';
import { itemStudy } from './migrations/0020_item_study';
import { labelCoverage } from './migrations/0021_label_coverage';
import { labelSetMigrations } from './migrations/0022_label_set_migrations';
import { itemStudyAttributes } from './migrations/0023_item_study_attributes';
import { importJobKind } from './migrations/0024_import_job_kind';
import { importJobCounts } from './migrations/0025_import_job_counts';
import { importJobOwner } from './migrations/0026_import_job_owner';
import { importJobCancel } from './migrations/0027_import_job_cancel';
import { blobOwners } from './migrations/0028_blob_owners';
import { stagedUploads } from './migrations/0029_staged_uploads';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

const initial: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('must_change_password', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('label_sets')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('label_sets_pk', ['id', 'version'])
      .execute();

    await db.schema
      .createTable('datasets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('label_set_id', 'text', (c) => c.notNull())
      .addColumn('label_set_version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addForeignKeyConstraint('datasets_label_set', ['label_set_id', 'label_set_version'], 'label_sets', ['id', 'version'])
      .execute();

    await db.schema
      .createTable('dataset_attachments')
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('dataset_attachments_pk', ['dataset_id', 'name'])
      .execute();

    await db.schema
      .createTable('items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('target_ids', 'text', (c) => c.notNull())
      .addColumn('target_count', 'integer', (c) => c.notNull())
      .addColumn('source_key', 'text')
      .addColumn('sort_key', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('items_source', ['dataset_id', 'source_key'])
      .execute();
    await db.schema.createIndex('items_listing').on('items').columns(['dataset_id', 'sort_key', 'id']).execute();

    await db.schema
      .createTable('item_files')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
      .addColumn('dataset_id', 'text', (c) => c.notNull())
      .addColumn('sop_instance_uid', 'text', (c) => c.notNull())
      .addColumn('meta', 'text', (c) => c.notNull())
      .addColumn('bytes', bytesType(db), (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('item_files_instance', ['dataset_id', 'sop_instance_uid'])
      .execute();
    await db.schema.createIndex('item_files_item').on('item_files').column('item_id').execute();

    await db.schema
      .createTable('assignments')
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('assignments_pk', ['item_id', 'user_id'])
      .execute();
    await db.schema.createIndex('assignments_user').on('assignments').columns(['user_id', 'item_id']).execute();

    await db.schema
      .createTable('annotation_docs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
      .addColumn('annotator_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('labelled', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('annotation_docs_owner', ['item_id', 'annotator_id'])
      .execute();

    await addSequenceKey(db, db.schema.createTable('doc_revisions'), 'seq')
      .addColumn('doc_id', 'text', (c) => c.notNull().references('annotation_docs.id').onDelete('cascade'))
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('annotator_id', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('op_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('doc_revisions_op', ['author_id', 'op_id'])
      .addUniqueConstraint('doc_revisions_revision', ['doc_id', 'revision'])
      .execute();
    await db.schema.createIndex('doc_revisions_feed').on('doc_revisions').columns(['annotator_id', 'seq']).execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status_code', 'integer', (c) => c.notNull())
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
      .execute();

    await addSequenceKey(db, db.schema.createTable('audit_log'), 'seq')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer')
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('app_state')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
};

/** Pruning (services/retention.ts) finds expired sessions and old idempotency keys by these. */
const retentionIndexes: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();
    await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
  },
};

/** Keys sort in run order. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': initial,
  '0002_retention_indexes': retentionIndexes,
  '0003_blob_store': blobStore,
  '0004_records': recordsMigration,
  '0005_accounts': accountsMigration,
  '0006_item_importing': itemImporting,
  '0007_slides': slidesMigration,
  '0008_outline_layers': outlineLayers,
  '0009_slide_tile_version': slideTileVersion,
  '0010_import_jobs': importJobs,
  '0011_models': modelsMigration,
  '0012_audit_chain': auditChain,
  '0013_assignment_due': assignmentDue,
  '0014_releases': releasesMigration,
  '0015_review_queue': reviewQueueMigration,
  '0016_review_comments': reviewComments,
  '0017_consensus': consensusMigration,
  '0018_dashboard': dashboardMigration,
  '0019_deid_policy': deidPolicy,
  '0020_item_study': itemStudy,
  '0021_label_coverage': labelCoverage,
  '0022_label_set_migrations': labelSetMigrations,
  '0023_item_study_attributes': itemStudyAttributes,
  '0024_import_job_kind': importJobKind,
  '0025_import_job_counts': importJobCounts,
  '0026_import_job_owner': importJobOwner,
  '0027_import_job_cancel': importJobCancel,
  '0028_blob_owners': blobOwners,
  '0029_staged_uploads': stagedUploads,
};

const provider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: AnyDb): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(await migrationTableSchema(db)) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Brings the schema to the migrations named before `name` only (`'0006'` stops before
 * 0006_item_importing): a migration's test starts from the schema as it was then.
 */
export async function migrateBefore(db: AnyDb, name: string): Promise<void> {
  const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([migration]) => migration < name));
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => before }, ...(await migrationTableSchema(db)) }).migrateToLatest();
  if (error) throw error;
}

/**
 * Kysely looks for its bookkeeping tables in every schema unless told which one: on a PostgreSQL
 * database holding several schemas (a deployment beside others, each test in its own), finding
 * another schema's `kysely_migration_lock` made it skip creating ours, and the run then failed.
 */
async function migrationTableSchema(db: AnyDb): Promise<{ migrationTableSchema?: string }> {
  if (dialectOf(db) !== 'postgres') return {};
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  return schema ? { migrationTableSchema: schema } : {};
}
