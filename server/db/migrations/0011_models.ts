/**
 * The model registry (issue 8): `models` holds each (id, version) with its manifest, whether it
 * ships with the app and whether users may run it; `model_files` names its ONNX files, which live
 * in the blob store by SHA-256 (the client caches them under the same name); `model_uploads` holds
 * an admin's manifest until its files arrive and pass, and is deleted then or on refusal.
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const modelsMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema
      .createTable('models')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('manifest', 'text', (c) => c.notNull())
      .addColumn('builtin', 'integer', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('uploaded_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('models_pk', ['id', 'version'])
      .execute();

    await db.schema
      .createTable('model_files')
      .addColumn('model_id', 'text', (c) => c.notNull())
      .addColumn('model_version', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
      .addPrimaryKeyConstraint('model_files_pk', ['model_id', 'model_version', 'role'])
      .addForeignKeyConstraint('model_files_model', ['model_id', 'model_version'], 'models', ['id', 'version'], (fk) => fk.onDelete('cascade'))
      .execute();
    // The file route finds the model(s) a requested hash belongs to.
    await db.schema.createIndex('model_files_sha256').on('model_files').column('sha256').execute();

    await db.schema
      .createTable('model_uploads')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('model_id', 'text', (c) => c.notNull())
      .addColumn('model_version', 'text', (c) => c.notNull())
      .addColumn('manifest', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
