/**
 * Runs `work` in the caller's transaction when `db` is one, else in a new transaction. A service
 * written with it (create a user, import files) commits on its own when called alone, and is one
 * step of a larger all-or-nothing write when called with a transaction (the first-start steps).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

export function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}
