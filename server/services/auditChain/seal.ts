/**
 * Links committed, unsealed audit rows into the hash chain in `seq` order. Audited writes only
 * insert their row, so annotators' writes never queue on the chain; sealing is a short
 * transaction of its own, run after changing requests, at start-up and before each check.
 * Sealers lock the chain-head row first (an update, which takes a row lock on PostgreSQL and the
 * write lock on SQLite), so two server instances never fork the chain. Each run reads only the
 * unsealed rows (a partial index), in batches: O(new rows), never O(log).
 */
import type { Kysely } from 'kysely';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { auditRowHash } from './rowHash';

const SEAL_BATCH = 500;

/** Seals every row committed before the call; returns how many it sealed. */
export async function sealAuditChain(db: Kysely<Database>): Promise<number> {
  let sealed = 0;
  for (;;) {
    const batch = await sealBatch(db);
    sealed += batch;
    if (batch < SEAL_BATCH) return sealed;
  }
}

async function sealBatch(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('audit_chain_head').set((eb) => ({ id: eb.ref('id') })).where('id', '=', 1).execute();
    const head = await trx.selectFrom('audit_chain_head').select(['length', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    const rows = await trx
      .selectFrom('audit_log')
      .select(['seq', 'at', 'user_id', 'action', 'entity', 'entity_id', 'revision', 'detail'])
      .where('chain_index', 'is', null)
      .orderBy('seq')
      .limit(SEAL_BATCH)
      .execute();
    let length = toNumber(head.length);
    let hash = head.hash;
    for (const row of rows) {
      const next = auditRowHash(hash, length, row);
      await trx.updateTable('audit_log').set({ chain_index: length, prev_hash: hash, hash: next }).where('seq', '=', row.seq).execute();
      hash = next;
      length += 1;
    }
    if (rows.length > 0) await trx.updateTable('audit_chain_head').set({ length, hash }).where('id', '=', 1).execute();
    return rows.length;
  });
}

/**
 * One process's sealer: a run asked for while one is going starts once that one ends (it may have
 * missed rows committed meanwhile); further asks fold into that second run.
 */
export class AuditSealer {
  private running: Promise<number> | null = null;
  private queued: Promise<number> | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  seal(): Promise<number> {
    if (!this.running) return this.start();
    this.queued ??= this.running.catch(() => 0).then(() => {
      this.queued = null;
      return this.start();
    });
    return this.queued;
  }

  /** Settles when no run is going or queued (the app waits for it before closing the database). */
  async idle(): Promise<void> {
    while (this.running || this.queued) await (this.queued ?? this.running)?.catch(() => 0);
  }

  private start(): Promise<number> {
    const run = sealAuditChain(this.db).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }
}
