/**
 * `items.study_uid`: the StudyInstanceUID of a series item (null for slides and frame sets), with
 * an index that leads with the dataset, so the DICOMweb study listing (server/dicomweb/qido.ts)
 * pages a dataset of 10^4 series by the index instead of reading every item's content. Existing
 * series items take it from their content.
 */
import type { Kysely, Migration } from 'kysely';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

export const itemStudy: Migration = {
  async up(db: AnyDb): Promise<void> {
    await db.schema.alterTable('items').addColumn('study_uid', 'text').execute();
    const series = (await db.selectFrom('items').select(['id', 'content']).where('kind', '=', 'series').execute()) as { id: string; content: string }[];
    for (const item of series) {
      const study = (JSON.parse(item.content) as { studyInstanceUid?: unknown }).studyInstanceUid;
      if (typeof study === 'string') await db.updateTable('items').set({ study_uid: study }).where('id', '=', item.id).execute();
    }
    await db.schema.createIndex('items_study').on('items').columns(['dataset_id', 'study_uid', 'id']).execute();
  },
};
