/**
 * Label sets are immutable per (id, version), so a process-wide cache is safe even with several
 * server instances on one database. Every set is validated when stored and when first read: a
 * set that does not validate (a hand-edited row) fails loudly instead of mislabelling work.
 */
import type { Kysely } from 'kysely';
import type { LabelSet } from '../../src/core/labelSet';
import { BUILTIN_LABEL_SETS, PREVIOUS_BUILTIN_LABEL_SETS } from '../../src/core/labelSets/builtin';
import { validateLabelSet } from '../../src/core/validate';
import type { Database } from '../db/schema';

export interface LabelSetStore {
  get(id: string, version: number): Promise<LabelSet | null>;
  list(): Promise<LabelSet[]>;
}

export function labelSetStore(db: Kysely<Database>): LabelSetStore {
  const cache = new Map<string, LabelSet>();
  const key = (id: string, version: number): string => `${id}@${version}`;
  return {
    async get(id, version) {
      const cached = cache.get(key(id, version));
      if (cached) return cached;
      const row = await db.selectFrom('label_sets').select('body').where('id', '=', id).where('version', '=', version).executeTakeFirst();
      if (!row) return null;
      const labelSet = checked(JSON.parse(row.body));
      cache.set(key(id, version), labelSet);
      return labelSet;
    },
    async list() {
      const rows = await db.selectFrom('label_sets').select('body').orderBy('id').orderBy('version').execute();
      return rows.map((row) => checked(JSON.parse(row.body)));
    },
  };
}

function checked(body: unknown): LabelSet {
  const result = validateLabelSet(body);
  if (!result.ok) throw new Error(`stored label set is invalid: ${result.errors.slice(0, 5).join('; ')}`);
  return result.value;
}

/** Stores a label set after validating it; an existing (id, version) is never changed. */
export async function storeLabelSet(db: Kysely<Database>, labelSet: unknown): Promise<LabelSet> {
  const result = validateLabelSet(labelSet);
  if (!result.ok) throw new Error(`label set is invalid: ${result.errors.join('; ')}`);
  const valid = result.value;
  await db
    .insertInto('label_sets')
    .values({ id: valid.id, version: valid.version, body: JSON.stringify(valid) })
    .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
    .execute();
  return valid;
}

/** Stores the built-in label sets that are not in the database yet (a stored version is never changed). */
export async function seedBuiltinLabelSets(db: Kysely<Database>): Promise<void> {
  for (const labelSet of [...PREVIOUS_BUILTIN_LABEL_SETS, ...BUILTIN_LABEL_SETS]) await storeLabelSet(db, labelSet);
}
