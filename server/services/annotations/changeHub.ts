/**
 * Fans the change feed out to live subscribers (the `/api/changes/stream` connections of this
 * process). One shared reader per process follows the feed after its own checkpoint and tells
 * each subscriber which of the documents it follows changed; the subscribers hold no query, no
 * transaction and no pool connection. The reader runs only while someone listens: every
 * `pollMs` (changes written through other processes on the same database), and at once when
 * nudged after a write committed here.
 */
import type { Kysely } from 'kysely';
import type { ChangedRevisions, User } from '../../../src/core/api';
import type { Database } from '../../db/schema';
import { seesAllItems } from '../access';
import { followsDocument, latestCheckpoint, readChangedDocuments, revisionsOf, type ChangedDocument } from './feed';

/**
 * What a subscriber hears: the feed checkpoint after the changes, the checkpoint they follow on
 * (every change it follows in between is listed), and the items and revisions changed.
 */
export interface ChangeNotice {
  readonly checkpoint: string;
  /** Absent when the notice cannot say what it follows on (a resumed stream's catch-up). */
  readonly after?: string;
  readonly itemIds: readonly string[];
  readonly documents: readonly ChangedRevisions[];
}

export interface Subscriber {
  /** Who listens; replaceable when the session is re-read (roles can change). */
  user: User;
  readonly notify: (notice: ChangeNotice) => void;
}

/** A subscription: where its notices start (the feed checkpoint), and its end. */
export interface Subscription {
  readonly position: string;
  readonly leave: () => void;
}

/** Ops read per query; more are read at once in the next. */
const PAGE = 1_000;

export class ChangeHub {
  /** Each subscriber, with the checkpoint its last notice (or its subscription) reached; null until known. */
  private readonly subscribers = new Map<Subscriber, string | null>();
  /** The feed position read up to; null until known (the newest change when the reader starts). */
  private position: string | null = null;
  /** Bumped whenever the reader stops, so a read of an earlier run leaves the position alone. */
  private run = 0;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly pollMs: number,
    /** Where a failed read is reported; the next tick retries it. */
    private readonly onError: (error: unknown) => void,
  ) {}


  /** Adds a subscriber once the reader knows where the feed stands. */
  async subscribe(subscriber: Subscriber): Promise<Subscription> {
    // A notice before the position is known cannot say what it follows on.
    this.subscribers.set(subscriber, null);
    this.timer ??= setInterval(() => this.nudge(), this.pollMs);
    // A read of a run that stopped meanwhile leaves the position unknown: the next one sets it.
    for (let tries = 0; this.position === null && tries < 3; tries += 1) {
      this.nudge();
      await this.reading;
    }
    if (this.position === null) {
      this.remove(subscriber);
      throw new Error('the change feed could not be read');
    }
    // A read under way started here too: the position moves only once its notices are out.
    if (this.subscribers.get(subscriber) === null) this.subscribers.set(subscriber, this.position);
    return { position: this.position, leave: () => this.remove(subscriber) };
  }

  /** Reads the feed now (a write committed here), or once more after the read under way. */
  nudge(): void {
    if (this.subscribers.size === 0) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.read()
      .catch(this.onError)
      .finally(() => {
        this.reading = null;
        if (this.readAgain) {
          this.readAgain = false;
          this.nudge();
        }
      });
  }

  /** Resolves once no read is under way or queued. */
  async settled(): Promise<void> {
    while (this.reading) await this.reading;
  }

  /** Stops the reader and forgets every subscriber (the app closes). */
  close(): void {
    this.subscribers.clear();
    this.stop();
  }

  private remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) this.stop();
  }

  /** Nobody listens: no reads, and the next subscriber starts afresh from the newest change. */
  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.position = null;
    this.run += 1;
  }

  private async read(): Promise<void> {
    const run = this.run;
    if (this.position === null) {
      const newest = await latestCheckpoint(this.db, null);
      if (run === this.run) this.position = newest;
      return;
    }
    for (;;) {
      const page = await readChangedDocuments(this.db, null, this.position, PAGE);
      const readers = page.documents.length > 0 ? await this.readersAmong(page.documents) : new Set<string>();
      if (run !== this.run) return;
      this.fanOut(page.documents, page.checkpoint, readers);
      this.position = page.checkpoint;
      if (!page.more) return;
    }
  }

  /**
   * Which subscribers who oversee items read the changed items themselves (as `itemId\nuserId`):
   * they are blinded to the other readers' changes of those items.
   */
  private async readersAmong(documents: readonly ChangedDocument[]): Promise<Set<string>> {
    const overseers = new Set([...this.subscribers.keys()].filter((s) => seesAllItems(s.user)).map((s) => s.user.id));
    const readers = new Set<string>();
    if (overseers.size === 0) return readers;
    const itemIds = [...new Set(documents.map((doc) => doc.itemId))];
    // Chunked: SQLite caps bound parameters per statement. An item has a handful of readers.
    for (let i = 0; i < itemIds.length; i += 200) {
      const rows = await this.db.selectFrom('assignments').select(['item_id', 'user_id']).where('item_id', 'in', itemIds.slice(i, i + 200)).execute();
      for (const row of rows) if (overseers.has(row.user_id)) readers.add(`${row.item_id}\n${row.user_id}`);
    }
    return readers;
  }

  private fanOut(documents: readonly ChangedDocument[], checkpoint: string, readers: ReadonlySet<string>): void {
    for (const [subscriber, after] of this.subscribers) {
      const followed = documents.filter((doc) => followsDocument(subscriber.user, doc.annotatorId, readers.has(`${doc.itemId}\n${subscriber.user.id}`)));
      if (followed.length === 0) continue;
      this.subscribers.set(subscriber, checkpoint);
      subscriber.notify({ checkpoint, ...(after === null ? {} : { after }), itemIds: [...new Set(followed.map((doc) => doc.itemId))], documents: revisionsOf(followed) });
    }
  }
}
