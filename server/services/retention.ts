/**
 * Retention of rows that matter only for a while:
 * - sessions: useless once expired (the token is refused from `expires_at` on);
 * - idempotency keys: kept 30 days, far longer than any client retries a write (the outbox
 *   retries within minutes, a device that was offline within days). A retry whose key is gone is
 *   still not applied twice: its If-Match base is stale by then, so it gets 412.
 * Pruning runs at every sign-in, at most `batch` rows per table so a sign-in never waits on a big
 * delete, and at startup until nothing is left to prune.
 */
import type { Kysely } from 'kysely';
import { toNumber } from '../db/dialect';
import type { Database } from '../db/schema';

export const IDEMPOTENCY_KEY_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
export const PRUNE_BATCH = 500;

export interface Pruned {
  readonly sessions: number;
  readonly idempotencyKeys: number;
}

/** Deletes up to `batch` expired sessions and up to `batch` idempotency keys past retention. */
export async function pruneExpired(db: Kysely<Database>, now: Date, batch = PRUNE_BATCH): Promise<Pruned> {
  const sessions = await db
    .deleteFrom('sessions')
    .where('token_hash', 'in', (eb) => eb.selectFrom('sessions').select('token_hash').where('expires_at', '<=', now.toISOString()).limit(batch))
    .executeTakeFirst();
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_KEY_RETENTION_MS).toISOString();
  const keys = await db
    .deleteFrom('idempotency_keys')
    .where((eb) =>
      eb(
        eb.refTuple('user_id', 'key'),
        'in',
        eb
          .selectFrom('idempotency_keys')
          .select(['user_id', 'key'])
          .where('created_at', '<', cutoff)
          .limit(batch)
          .$asTuple('user_id', 'key'),
      ),
    )
    .executeTakeFirst();
  return { sessions: toNumber(sessions.numDeletedRows), idempotencyKeys: toNumber(keys.numDeletedRows) };
}

/** Prunes batch after batch until a batch comes back short (startup). */
export async function pruneAllExpired(db: Kysely<Database>, now: Date, batch = PRUNE_BATCH): Promise<Pruned> {
  let total: Pruned = { sessions: 0, idempotencyKeys: 0 };
  for (;;) {
    const pruned = await pruneExpired(db, now, batch);
    total = { sessions: total.sessions + pruned.sessions, idempotencyKeys: total.idempotencyKeys + pruned.idempotencyKeys };
    if (pruned.sessions < batch && pruned.idempotencyKeys < batch) return total;
  }
}
