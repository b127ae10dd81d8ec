/**
 * Runs one annotation write (op batch, submit, review) of one document in one transaction that
 * holds the document's lock and, when the client sent an Idempotency-Key, stores its result in
 * that same transaction. The same
 * (user, key) later replays the stored result without applying anything again, even when the
 * first response never reached the client or a retry overlaps the original; the same key with a
 * different request is refused (422) rather than guessed at.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { isRetryableConflict, lockDocument } from '../db/dialect';
import type { Database } from '../db/schema';
import type { AppContext } from '../http/context';
import { HttpError } from '../http/errors';

export interface IdempotencyKey {
  readonly userId: string;
  readonly key: string;
  readonly requestHash: string;
}

/** What a write answers. `remember: false` for answers that applied nothing (412), so a retry may still apply. */
export interface WriteOutcome {
  readonly status: number;
  readonly body: unknown;
  readonly remember: boolean;
}

/** The (item, annotator) document a write changes; its lock serialises the writes of that document only. */
export interface DocumentRef {
  readonly itemId: string;
  readonly annotatorId: string;
}

export interface WriteReply {
  readonly status: number;
  readonly body: unknown;
  readonly replayed: boolean;
}

const ATTEMPTS = 4;

/** SHA-256 over what identifies a request: method, path, preconditions and body. */
export function requestHash(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex');
}

export async function idempotentWrite(
  ctx: AppContext,
  key: IdempotencyKey | null,
  document: DocumentRef,
  apply: (trx: Transaction<Database>, at: string) => Promise<WriteOutcome>,
): Promise<WriteReply> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await ctx.db.transaction().execute((trx) => once(trx, ctx.now().toISOString(), key, document, apply));
    } catch (error) {
      // A concurrent writer won a race (same key on another document, serialization failure):
      // running again sees its result and answers from it.
      if (attempt >= ATTEMPTS || !isRetryableConflict(error)) throw error;
    }
  }
}

async function once(
  trx: Transaction<Database>,
  at: string,
  key: IdempotencyKey | null,
  document: DocumentRef,
  apply: (trx: Transaction<Database>, at: string) => Promise<WriteOutcome>,
): Promise<WriteReply> {
  // Before the key lookup: a retry overlapping its original must wait until the original commits
  // its key, then replay it. Looking first would miss the uncommitted key, and the retry would
  // then find its records moved by its own original and answer 412.
  await lockDocument(trx, document.itemId, document.annotatorId);
  if (key) {
    const stored = await findStored(trx, key);
    if (stored) return stored;
  }
  const outcome = await apply(trx, at);
  if (key && outcome.remember) {
    await trx
      .insertInto('idempotency_keys')
      .values({
        user_id: key.userId,
        key: key.key,
        request_hash: key.requestHash,
        status_code: outcome.status,
        response: JSON.stringify(outcome.body),
        created_at: at,
      })
      .execute();
  }
  return { status: outcome.status, body: outcome.body, replayed: false };
}

async function findStored(db: Kysely<Database>, key: IdempotencyKey): Promise<WriteReply | null> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response'])
    .where('user_id', '=', key.userId)
    .where('key', '=', key.key)
    .executeTakeFirst();
  if (!row) return null;
  if (row.request_hash !== key.requestHash) {
    throw new HttpError(422, 'idempotency_key_reused', `Idempotency-Key "${key.key}" was already used for a different request`);
  }
  return { status: Number(row.status_code), body: JSON.parse(row.response) as unknown, replayed: true };
}
