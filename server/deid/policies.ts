/**
 * Datasets' de-identification policies, the project key and the per-file reports. The key is a
 * secret of the server: it is read here for the admin-only key route and the CLI, never listed
 * or written anywhere else.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DeidReport } from '../../src/core/deid/deidentify';
import { DEID_KEY_BYTES } from '../../src/core/deid/keyedHash';
import { parseDeidOptions, type DeidOptions, type DeidPolicy } from '../../src/core/deid/policy';
import type { Database } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { writeAudit } from '../services/audit';

/** The one key of this installation (a project): UIDs map alike in all its datasets, so studies stay together across them. */
export const PROJECT_KEY_ID = 'project';

export async function readDeidPolicy(db: Kysely<Database>, datasetId: string): Promise<DeidPolicy> {
  const row = await db.selectFrom('deid_policies').select(['mode', 'options', 'key_id']).where('dataset_id', '=', datasetId).executeTakeFirst();
  if (!row || row.mode !== 'required') return { mode: 'off' };
  const options = parseDeidOptions(JSON.parse(row.options));
  // A row this server wrote always parses; should one not, the safest reading is the strictest.
  if (!options) throw new Error(`dataset ${datasetId} has an unreadable de-identification policy`);
  return { mode: 'required', options, keyId: row.key_id };
}

/** Sets a dataset's policy (creating the project key on first use); audited. */
export async function setDeidPolicy(db: Kysely<Database>, datasetId: string, mode: 'off' | 'required', options: DeidOptions, actorId: string, at: string): Promise<DeidPolicy> {
  return inTransaction(db, async (trx) => {
    await trx
      .insertInto('deid_keys')
      .values({ id: PROJECT_KEY_ID, secret: randomBytes(DEID_KEY_BYTES).toString('base64'), created_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const values = { mode, options: JSON.stringify(options), key_id: PROJECT_KEY_ID, updated_by: actorId, updated_at: at };
    await trx
      .insertInto('deid_policies')
      .values({ dataset_id: datasetId, ...values })
      .onConflict((oc) => oc.column('dataset_id').doUpdateSet(values))
      .execute();
    await writeAudit(trx, { at, userId: actorId, action: 'dataset.deidPolicy', entity: 'dataset', entityId: datasetId, detail: { mode, options } });
    return mode === 'required' ? { mode, options, keyId: PROJECT_KEY_ID } : { mode: 'off' };
  });
}

/** The raw key, or null when no policy has created it. */
export async function readDeidKey(db: Kysely<Database>, keyId: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const row = await db.selectFrom('deid_keys').select('secret').where('id', '=', keyId).executeTakeFirst();
  return row ? Uint8Array.from(Buffer.from(row.secret, 'base64')) : null;
}

/** Keeps what de-identification did to a stored file (the last report of an instance uploaded again). */
export async function saveDeidReport(db: Kysely<Database>, datasetId: string, report: DeidReport, at: string): Promise<void> {
  const values = { report: JSON.stringify(report), created_at: at };
  await db
    .insertInto('deid_reports')
    .values({ dataset_id: datasetId, sop_instance_uid: report.sopInstanceUid, ...values })
    .onConflict((oc) => oc.columns(['dataset_id', 'sop_instance_uid']).doUpdateSet(values))
    .execute();
}

export async function listDeidReports(db: Kysely<Database>, datasetId: string): Promise<DeidReport[]> {
  const rows = await db.selectFrom('deid_reports').select('report').where('dataset_id', '=', datasetId).orderBy('created_at').orderBy('sop_instance_uid').execute();
  return rows.map((row) => JSON.parse(row.report) as DeidReport);
}
