/** The change feed: document revisions after a checkpoint, in commit order (see serializeWrites). */
import type { Kysely } from 'kysely';
import type { ChangeFeed, User } from '../../src/core/api';
import { toNumber } from '../db/dialect';
import type { Database } from '../db/schema';
import { seesAllItems } from './access';

/** Annotators follow their own documents; reviewers and admins follow everyone's. */
export async function readChanges(db: Kysely<Database>, user: User, since: number, limit: number): Promise<ChangeFeed> {
  let query = db
    .selectFrom('doc_revisions')
    .select(['seq', 'item_id', 'annotator_id', 'revision'])
    .where('seq', '>', since)
    .orderBy('seq')
    .limit(limit);
  if (!seesAllItems(user)) query = query.where('annotator_id', '=', user.id);
  const rows = await query.execute();
  const changes = rows.map((row) => ({
    seq: toNumber(row.seq),
    itemId: row.item_id,
    annotatorId: row.annotator_id,
    revision: toNumber(row.revision),
  }));
  return { changes, checkpoint: changes.length > 0 ? (changes[changes.length - 1]?.seq ?? since) : since };
}
