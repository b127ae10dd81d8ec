/** The newest version of a label set (the one new work is labelled with): what a model's manifest is checked against. */
import type { Kysely } from 'kysely';
import type { LabelSet } from '../../src/core/labelSet';
import type { Database } from '../db/schema';
import type { LabelSetStore } from '../services/labelSets';

export async function newestLabelSet(db: Kysely<Database>, labelSets: LabelSetStore, id: string): Promise<LabelSet | null> {
  const row = await db.selectFrom('label_sets').select('version').where('id', '=', id).orderBy('version', 'desc').executeTakeFirst();
  return row ? labelSets.get(id, row.version) : null;
}
