/**
 * Label sets are immutable per (id, version), so a process-wide cache is safe even with several
 * server instances on one database.
 */
import type { Kysely } from 'kysely';
import type { LabelSet } from '../../src/core/labelSet';
import { BUILTIN_LABEL_SETS } from '../../src/core/labelSets/builtin';
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
      const labelSet = JSON.parse(row.body) as LabelSet;
      cache.set(key(id, version), labelSet);
      return labelSet;
    },
    async list() {
      const rows = await db.selectFrom('label_sets').select('body').orderBy('id').orderBy('version').execute();
      return rows.map((row) => JSON.parse(row.body) as LabelSet);
    },
  };
}

/** Stores the built-in label sets that are not in the database yet (a stored version is never changed). */
export async function seedBuiltinLabelSets(db: Kysely<Database>): Promise<void> {
  for (const labelSet of BUILTIN_LABEL_SETS) {
    const checked = validateLabelSet(labelSet);
    if (!checked.ok) throw new Error(`built-in label set ${labelSet.id}@${labelSet.version} is invalid: ${checked.errors.join('; ')}`);
    await db
      .insertInto('label_sets')
      .values({ id: labelSet.id, version: labelSet.version, body: JSON.stringify(labelSet) })
      .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
      .execute();
  }
}
