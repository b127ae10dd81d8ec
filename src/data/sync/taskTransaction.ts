/**
 * One IndexedDB transaction per task for the small writes a key makes at once: the journal entry
 * of its change and the reader's new place (a label key labels, then advances). The first write of
 * a task opens it, issued synchronously so it survives the page going away right after the key
 * (see journal.ts); later writes of the same task join it; it is committed at the end of the
 * task. One transaction and one commit a key, not one per store, and the change and the place
 * land together or not at all.
 */
import type { MejirushiDb } from '../db';

/** The stores a task's writes go to. */
export type TaskStore = 'journal' | 'readings';
const SCOPE: TaskStore[] = ['journal', 'readings'];

/**
 * Per open database, the transaction of the running task (none between tasks). A journal entry
 * needs it strict (flushed to disk before it completes); a reading alone takes the browser's
 * default, as any other write of the app.
 */
const running = new WeakMap<IDBDatabase, { readonly transaction: IDBTransaction; readonly strict: boolean }>();

/**
 * Puts rows in the running task's transaction, opening it if none runs. Answers the transaction,
 * or null when the database is not open yet (nothing written).
 */
export function putInTask(db: MejirushiDb, store: TaskStore, rows: readonly unknown[]): IDBTransaction | null {
  if (!db.isOpen()) return null;
  const backend = db.backendDB();
  const strict = store === 'journal';
  const current = running.get(backend);
  const transaction = current && (current.strict || !strict) ? current.transaction : begin(backend, strict);
  const objects = transaction.objectStore(store);
  for (const row of rows) objects.put(row);
  return transaction;
}

function begin(backend: IDBDatabase, strict: boolean): IDBTransaction {
  const transaction = backend.transaction(SCOPE, 'readwrite', strict ? { durability: 'strict' } : {});
  const entry = { transaction, strict };
  running.set(backend, entry);
  // Microtasks still run inside the task: every write of the key's handler has joined by then.
  queueMicrotask(() => {
    if (running.get(backend) === entry) running.delete(backend);
    // Without commit() the browser waits for more requests and drops the transaction if the page dies first.
    transaction.commit();
  });
  return transaction;
}

/** Whether a write of this task has opened its transaction (later writes of the task may join it). */
export function taskRunning(db: MejirushiDb): boolean {
  return db.isOpen() && running.has(db.backendDB());
}

/** Resolves once the transaction is committed; rejects when it fails. */
export function committed(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.addEventListener('complete', () => resolve());
    transaction.addEventListener('abort', () => reject(transaction.error ?? new Error('IndexedDB transaction aborted')));
  });
}
