/**
 * Writing label sets: importing one exactly as exported elsewhere (its id and version kept) and
 * saving one from the editor as the next version of its id. A stored (id, version) never changes;
 * each write and its audit row land in one transaction.
 */
import type { Kysely } from 'kysely';
import type { LabelSetSaved } from '../../src/core/api';
import { canonicalJson } from '../../src/core/dashboard/credit';
import type { LabelSet } from '../../src/core/labelSet';
import { validateLabelSet } from '../../src/core/validate';
import { isUniqueViolation } from '../db/dialect';
import { inTransaction } from '../db/transaction';
import type { Database } from '../db/schema';
import { badRequest, conflict } from '../http/errors';
import { writeAudit } from './audit';

function valid(body: unknown): LabelSet {
  const result = validateLabelSet(body);
  if (!result.ok) throw badRequest(`the label set is invalid: ${result.errors.join('; ')}`);
  return result.value;
}

/** Stores an imported set under its own id and version; the same set again is a no-op. */
export async function importLabelSet(db: Kysely<Database>, body: unknown, actorId: string, at: string): Promise<LabelSetSaved> {
  const labelSet = valid(body);
  const { id, version } = labelSet;
  const stored = await db.selectFrom('label_sets').select('body').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (stored) {
    if (canonicalJson(JSON.parse(stored.body)) === canonicalJson(labelSet)) return { status: 'unchanged', id, version };
    throw conflict('label_set_version_taken', `label set ${id} version ${version} is stored here with a different content; a version never changes, so give the imported set a new version (next free: ${await nextVersion(db, id)})`);
  }
  await insert(db, labelSet, actorId, at, 'labelSet.import');
  return { status: 'created', id, version };
}

/** Stores a set from the editor as the next version of its id, whatever version it carried. */
export async function saveLabelSetVersion(db: Kysely<Database>, body: unknown, actorId: string, at: string): Promise<LabelSetSaved> {
  const draft = valid(body);
  const labelSet: LabelSet = { ...draft, version: await nextVersion(db, draft.id) };
  try {
    await insert(db, labelSet, actorId, at, 'labelSet.create');
  } catch (error) {
    // Two admins saving the same set at once: the second is told, not silently renumbered.
    if (isUniqueViolation(error)) throw conflict('label_set_version_taken', `label set ${labelSet.id} version ${labelSet.version} was saved by someone else just now; reload and save again`);
    throw error;
  }
  return { status: 'created', id: labelSet.id, version: labelSet.version };
}

async function nextVersion(db: Kysely<Database>, id: string): Promise<number> {
  const row = await db.selectFrom('label_sets').select((eb) => eb.fn.max('version').as('latest')).where('id', '=', id).executeTakeFirst();
  return Number(row?.latest ?? 0) + 1;
}

async function insert(db: Kysely<Database>, labelSet: LabelSet, actorId: string, at: string, action: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.insertInto('label_sets').values({ id: labelSet.id, version: labelSet.version, body: JSON.stringify(labelSet) }).execute();
    await writeAudit(trx, { at, userId: actorId, action, entity: 'labelSet', entityId: `${labelSet.id}@${labelSet.version}`, detail: { name: labelSet.name.en } });
  });
}
