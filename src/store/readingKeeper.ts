/**
 * Keeps where a reader is in an item (slice, window) and which slices were displayed to them, in
 * IndexedDB, so a reload opens where they left off and still knows what they have seen. A place
 * kept in the task of a key that also changed the document joins that key's transaction (its
 * journal entry, see data/sync/taskTransaction.ts): one IndexedDB transaction a label step, not
 * two. Other writes coalesce: while one is running, only the latest state waits for the next.
 */
import type { MejirushiDb, ReadingRow } from '../data/db';
import { committed, putInTask, taskRunning } from '../data/sync/taskTransaction';

/** A reading as the store holds it: `seen` stays a set until a write actually needs the row. */
export type Reading = Omit<ReadingRow, 'seen'> & { readonly seen: ReadonlySet<string> };

export class ReadingKeeper {
  private latest: Reading | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly db: MejirushiDb) {}

  read(itemId: string, userId: string): Promise<ReadingRow | undefined> {
    return this.db.readings.get([itemId, userId]);
  }

  /** O(1) per call (a key press, a slice step); only a write copies `seen`. */
  keep(reading: Reading): void {
    if (taskRunning(this.db)) {
      const joined = this.rememberReadingPlace(reading).catch(() => undefined);
      // Written with the key's change: an older state still waiting must not follow it.
      this.latest = null;
      this.writing = this.writing.then(() => joined);
      return;
    }
    const queued = this.latest !== null;
    this.latest = reading;
    if (queued) return;
    this.writing = this.writing
      .then(async () => {
        const next = this.latest;
        this.latest = null;
        if (next) await this.rememberReadingPlace(next);
      })
      // Losing a reading position is harmless; it must never block the labels' own saves.
      .catch(() => undefined);
  }

  /** Resolves once the latest kept state is written. */
  async written(): Promise<void> {
    for (;;) {
      const running = this.writing;
      await running;
      if (running === this.writing) return;
    }
  }

  /**
   * The one place a reading is written: in the running task's transaction (opened if none runs),
   * or through dexie while the database is still opening.
   */
  private rememberReadingPlace(reading: Reading): Promise<void> {
    const row: ReadingRow = { ...reading, seen: [...reading.seen] };
    const transaction = putInTask(this.db, 'readings', [row]);
    return transaction ? committed(transaction) : this.db.readings.put(row).then(() => undefined);
  }
}
