/**
 * `import_jobs.kind`: what a job's source blob is, `file` (one uploaded slide, video or archive)
 * or `stillsFolder` (the manifest of a folder of staged stills, built into one frame set). Said by
 * a column rather than read from the job's name, which is the uploader's. Every job before this
 * migration imported one file.
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const importJobKind: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('import_jobs').addColumn('kind', 'text', (column) => column.notNull().defaultTo('file')).execute();
  },
};
