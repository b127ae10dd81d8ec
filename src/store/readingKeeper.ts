/**
 * Keeps where a reader is in an item (slice, window) and which slices were displayed to them, in
 * IndexedDB, so a reload opens where they left off and still knows what they have seen. Writes
 * coalesce: while one is running, only the latest state waits for the next.
 */
import type { MejirushiDb, ReadingRow } from '../data/db';

/** A reading as the store holds it: `seen` stays a set until a write actually needs the row. */
export type Reading = Omit<ReadingRow, 'seen'> & { readonly seen: ReadonlySet<string> };

export class ReadingKeeper {
  private latest: Reading | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly db: MejirushiDb) {}

  read(itemId: string, userId: string): Promise<ReadingRow | undefined> {
    return this.db.readings.get([itemId, userId]);
  }

  /** O(1) per call (a key press, a slice step); only the write that runs copies `seen`. */
  keep(reading: Reading): void {
    const queued = this.latest !== null;
    this.latest = reading;
    if (queued) return;
    this.writing = this.writing
      .then(async () => {
        const next = this.latest;
        this.latest = null;
        if (next) await this.db.readings.put({ ...next, seen: [...next.seen] });
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
}
