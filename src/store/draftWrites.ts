/**
 * The open item's draft writes, kept off the key's critical path: a change (a key's answer) is
 * held in memory and written once the page is idle (the next frame shown), so a key's frame
 * advance and paint never wait for IndexedDB. Changes made before that join it: their journal
 * entries in one synchronous transaction, then their record rows in one transaction, one
 * sync-state refresh and one send for all of them, in order.
 *
 * Nothing is lost: what waits is journaled synchronously when the page is hidden or goes away
 * (`flush`, see data/sync/journal.ts: only a synchronous write survives the tab closing) and when
 * the item is closed (a reopen replays the journal before reading its records). Until the record
 * rows are written, `unsaved` holds the records back from remote copies, and the sender, which
 * reads only those rows, cannot send a change before it is drafted.
 */
import type { Progress } from '../core/api';
import type { RecordDiff } from '../core/diff';
import type { JournaledChange, SyncEngine } from '../data/syncEngine';
import { UnsavedRecords } from './unsavedRecords';

type Writer = Pick<SyncEngine, 'journal' | 'saveAll'>;

/** One write waiting: changes of one item, in order; journaled once the page is idle or leaves. */
interface Gathered {
  readonly itemId: string;
  readonly diffs: RecordDiff[];
  readonly ids: string[];
  progress: Progress;
  journaled: JournaledChange[] | null;
}

export class DraftWrites {
  /** Records of the open item with a local change not yet in IndexedDB: remote copies wait for it. */
  readonly unsaved = new UnsavedRecords();
  /** The write still taking changes (not journaled yet). */
  private gathering: Gathered | null = null;

  constructor(
    private readonly engine: () => Writer | null,
    /** Runs the write in order with the item's other IndexedDB work (answers its promise). */
    private readonly enqueue: (itemId: string, work: (engine: Writer) => Promise<void>) => Promise<void>,
    /** Resolves when the write may start (the page idle). */
    private readonly idle: () => Promise<void>,
  ) {}

  save(itemId: string, diff: RecordDiff, progress: Progress): void {
    if (!this.engine()) return;
    const ids = this.unsaved.add(diff);
    const waiting = this.gathering;
    if (waiting?.itemId === itemId) {
      waiting.diffs.push(diff);
      waiting.ids.push(...ids);
      waiting.progress = progress;
      return;
    }
    this.flush();
    const write: Gathered = { itemId, diffs: [diff], ids: [...ids], progress, journaled: null };
    this.gathering = write;
    void this.enqueue(itemId, async (writer) => {
      try {
        await this.idle();
        await writer.saveAll(itemId, this.journal(write, writer), write.progress);
      } finally {
        this.unsaved.remove(write.ids);
      }
    });
  }

  /** Journals the changes still waiting, now (synchronously): the page is going away, or the item closing. */
  flush(): void {
    const waiting = this.gathering;
    const engine = this.engine();
    if (waiting && engine) this.journal(waiting, engine);
  }

  /** The write's changes journaled: now, unless `flush` did already; later changes start a new write. */
  private journal(write: Gathered, engine: Writer): JournaledChange[] {
    if (this.gathering === write) this.gathering = null;
    write.journaled ??= engine.journal(write.itemId, write.diffs, write.progress);
    return write.journaled;
  }
}
