/**
 * The open item's draft writes, kept off the key's critical path. A change (a key's answer) is
 * journaled at once, in the key's own task: that write is issued and committed synchronously
 * (see data/sync/journal.ts), so the change survives the tab closing or crashing right after the
 * key. Its record rows are written once the page is idle (the next frame shown, then a short quiet
 * spell), so a key's frame advance and paint never wait for them. Changes made before that join
 * it, and while they keep coming (a reader tagging frame after frame) the write waits for the
 * next quiet spell, up to `MAX_GATHER_MS`: their record rows in one transaction, one sync-state
 * refresh and one send for all of them, in order. Only the journal is per key.
 *
 * Until the record rows are written, `unsaved` holds the records back from remote copies, and the
 * sender, which reads only those rows, cannot send a change before it is drafted. A journal entry
 * whose rows were never written (the page died) is replayed at the next visit.
 */
import type { Progress } from '../core/api';
import type { RecordDiff } from '../core/diff';
import type { JournaledChange, SyncEngine } from '../data/syncEngine';
import { UnsavedRecords } from './unsavedRecords';

type Writer = Pick<SyncEngine, 'journal' | 'saveAll'>;

/**
 * How long changes may keep joining one write before it starts anyway (ms). They are durable in
 * the journal meanwhile; this bounds how late a steady stream of keys reaches the record rows,
 * the sync state and the server.
 */
export const MAX_GATHER_MS = 2000;

/** One write waiting for the page to be idle: journaled changes of one item, in order. */
interface Gathered {
  readonly itemId: string;
  readonly changes: JournaledChange[];
  readonly ids: string[];
  progress: Progress;
  /** When its first change was made (`now`). */
  readonly since: number;
}

export class DraftWrites {
  /** Records of the open item with a local change not yet in IndexedDB: remote copies wait for it. */
  readonly unsaved = new UnsavedRecords();
  /** The write still taking changes (its rows not yet being written). */
  private gathering: Gathered | null = null;

  constructor(
    private readonly engine: () => Writer | null,
    /** Runs the write in order with the item's other IndexedDB work (answers its promise). */
    private readonly enqueue: (itemId: string, work: (engine: Writer) => Promise<void>) => Promise<void>,
    /** Resolves when the write may start (the page idle). */
    private readonly idle: () => Promise<void>,
    /** Milliseconds, for `MAX_GATHER_MS`. */
    private readonly now: () => number = Date.now,
  ) {}

  save(itemId: string, diff: RecordDiff, progress: Progress): void {
    const engine = this.engine();
    if (!engine) return;
    const journaled = engine.journal(itemId, [diff], progress);
    const ids = this.unsaved.add(diff);
    const waiting = this.gathering;
    if (waiting?.itemId === itemId) {
      waiting.changes.push(...journaled);
      waiting.ids.push(...ids);
      waiting.progress = progress;
      return;
    }
    const write: Gathered = { itemId, changes: [...journaled], ids: [...ids], progress, since: this.now() };
    this.gathering = write;
    void this.enqueue(itemId, async (writer) => {
      try {
        let joined = -1;
        while (write.changes.length !== joined && this.now() - write.since < MAX_GATHER_MS) {
          joined = write.changes.length;
          await this.idle();
        }
        // Later changes start a new write: this one's rows are being written.
        if (this.gathering === write) this.gathering = null;
        await writer.saveAll(itemId, write.changes, write.progress);
      } finally {
        this.unsaved.remove(write.ids);
      }
    });
  }
}
