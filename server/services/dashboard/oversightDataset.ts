/**
 * The dataset an overseer asks figures of, once they are known not to read any of its items:
 * dashboards compare readers' progress and answers, which a reader must not learn (http/rolePolicy.ts).
 */
import type { Kysely } from 'kysely';
import type { User } from '../../../src/core/api';
import type { Database, DatasetRow } from '../../db/schema';
import { HttpError, notFound } from '../../http/errors';
import { findDataset } from '../datasets';

export async function oversightDataset(db: Kysely<Database>, user: User, datasetId: string): Promise<DatasetRow> {
  const dataset = await findDataset(db, datasetId);
  if (!dataset) throw notFound(`no dataset ${datasetId}`);
  const reads = await db
    .selectFrom('assignments')
    .innerJoin('items', 'items.id', 'assignments.item_id')
    .select('assignments.item_id')
    .where('items.dataset_id', '=', dataset.id)
    .where('assignments.user_id', '=', user.id)
    .executeTakeFirst();
  if (reads) throw new HttpError(403, 'reader_blinded', 'a reader of this dataset’s items does not see how the other readers are doing or answering');
  return dataset;
}
