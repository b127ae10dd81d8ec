/**
 * The study and series attributes QIDO-RS answers and matches (server/dicomweb/qido.ts) as columns
 * of a series item: StudyDate, StudyTime, AccessionNumber and StudyDescription (the same in every
 * series of a study), SeriesNumber; with an index leading with the dataset so a StudyDate range
 * is matched by the index. Filled at import from what the files say (after the dataset's
 * de-identification policy: an accession number the policy removed is not there to store).
 *
 * Not backfilled: the attributes were not read at import before (item_files.meta lacks them) and
 * are only in the blobs, which a migration does not read. Series imported before stay null (no
 * date: matched by no StudyDate query) until a new file of the series is imported.
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const itemStudyAttributes: Migration = {
  async up(db: AnyDb): Promise<void> {
    for (const column of ['study_date', 'study_time', 'accession_number', 'study_description']) {
      await db.schema.alterTable('items').addColumn(column, 'text').execute();
    }
    await db.schema.alterTable('items').addColumn('series_number', 'integer').execute();
    await db.schema.createIndex('items_study_date').on('items').columns(['dataset_id', 'study_date']).execute();
  },
};
