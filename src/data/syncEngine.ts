/**
 * Write-behind sync of annotation records, framework-free.
 *
 * Every change lands in IndexedDB first (the changed record rows and an outbox marker, one
 * transaction, O(diff)); only then is it "saved". The sender (sync/sender.ts) then sends dirty
 * records as op batches; a record changed on both sides is set aside with both versions for the
 * user (sync/conflicts.ts) while the others keep syncing. The change feed and `/ops` bring other
 * devices' records in wherever nothing local waits (sync/feed.ts); an item open in an editor
 * hears them as 'remote' events so the editor applies them outside undo.
 */
import type { AnnotationRecord } from '../core/annotation';
import type { Progress } from '../core/api';
import { sameRecord, type RecordDiff } from '../core/diff';
import { MAX_OPS_PER_BATCH, type StoredRecord } from '../core/records';
import { NetworkError, type ApiClient } from './api';
import type { Backoff } from './backoff';
import { systemClock, type Clock } from './clock';
import { checkpointKey, type HeadRow, type JournalRow, type MejirushiDb, type OutboxRow, type RecordRow } from './db';
import { newOpId } from './opId';
import { browserOnline, type OnlineSignal } from './onlineSignal';
import { conflictOf, resolvedRow, type ConflictChoice, type RecordConflict } from './sync/conflicts';
import { adjustDirty, dirtyChange, dirtyCount, withDirty } from './sync/dirtyCount';
import { followFeed, followOps } from './sync/feed';
import { loadDocument, RECORD_PAGE_SIZE } from './sync/initialLoad';
import { journalId, pendingJournal, takeJournaled, writeJournal } from './sync/journal';
import { LiveFeed, type ChangeStreamOpener } from './sync/liveFeed';
import { batchesOf, ensureOpenBatch, savedFrozen } from './sync/outbox';
import { isOwnEcho, OwnRevisions, type StreamNotice } from './sync/ownEcho';
import { keyOf, readRecords, rowsInState, takeServerCopies, writeEdits, type DocumentRef } from './sync/recordRows';
import { BatchSender } from './sync/sender';
import { readSyncRows, type SyncRows } from './sync/syncRows';
import { computeSyncState, sameSyncState, type ItemSyncState } from './syncState';

export type { Clock } from './clock';
export type { OnlineSignal } from './onlineSignal';
export type { ItemSyncState, SyncStatus } from './syncState';
export type { ConflictChoice, RecordConflict } from './sync/conflicts';

export type SyncEvent =
  | { readonly type: 'state'; readonly itemId: string; readonly state: ItemSyncState }
  /**
   * Records of a held item (open in an editor) changed elsewhere, as IndexedDB now holds them
   * synced; the holder applies them outside undo (those it already shows change nothing). Null: deleted.
   */
  | { readonly type: 'remote'; readonly itemId: string; readonly records: ReadonlyMap<string, AnnotationRecord | null> }
  /** Requests are refused for want of a valid session. */
  | { readonly type: 'unauthorized' };

export type SyncApi = Pick<ApiClient, 'listRecordsText' | 'patchRecords' | 'listOps' | 'changes'>;

export interface SyncEngineOptions {
  readonly api: SyncApi;
  readonly db: MejirushiDb;
  readonly annotatorId: string;
  readonly clock?: Clock;
  /** Uniform [0, 1): jitter source. */
  readonly random?: () => number;
  readonly onlineSignal?: OnlineSignal;
  readonly backoff?: Backoff;
  readonly changesPageSize?: number;
  /** Records per `/records` page of an initial load. */
  readonly recordsPageSize?: number;
  /** The server's live change stream: with it, changes made elsewhere arrive as they happen, not only at start, online and open. */
  readonly changeStream?: ChangeStreamOpener;
}

/** A change of a document and its journal entry (null: none could be written; absent: not journaled). */
export interface JournaledChange {
  readonly diff: RecordDiff;
  readonly journaled?: string | null | undefined;
}

/** The label set a document answers, recorded with it when it is first loaded. */
export interface DocumentLabelSet {
  readonly labelSetId: string;
  readonly labelSetVersion: number;
}

export class SyncEngine {
  private readonly api: SyncApi;
  private readonly db: MejirushiDb;
  private readonly me: string;
  private readonly clock: Clock;
  private readonly onlineSignal: OnlineSignal;
  private readonly changesPageSize: number;
  private readonly recordsPageSize: number;
  private readonly sender: BatchSender;
  private readonly live: LiveFeed | null;

  private readonly listeners = new Set<(event: SyncEvent) => void>();
  private readonly states = new Map<string, ItemSyncState>();
  /** Items open in an editor: they hear the records taken in for them. */
  private readonly held = new Set<string>();
  /**
   * Per held item, the document revision this engine has followed it to. Tabs of one browser
   * share IndexedDB (its heads and feed checkpoint), so whichever catches up first would leave
   * nothing for the other's editor: each follows its open item's ops from its own revision.
   */
  private readonly heldRevisions = new Map<string, number>();
  /**
   * Items whose first load is being stored behind their open: writes to their records wait for it
   * (a change is in the journal meanwhile), so an edit finds the base version it was based on.
   */
  private readonly storing = new Map<string, Promise<unknown>>();
  /** Per item, the sync-state read running, and the one that follows it for those who asked meanwhile. */
  private readonly refreshing = new Map<string, Promise<void>>();
  private readonly refreshAgain = new Map<string, Promise<void>>();
  private catchingUp: Promise<void> | null = null;
  /** This engine's writes the server applied as their documents' next revisions (see sync/ownEcho.ts). */
  private readonly own = new OwnRevisions();
  /** The newest live stream position heard: its `ready` position, then each event's id. */
  private streamPosition: string | null = null;
  /** A stream position up to which every change this user follows is in IndexedDB (null: unknown). */
  private storedThrough: string | null = null;
  /**
   * The newest stream position heard as an own echo, not yet stored as the feed checkpoint: the
   * next save, catch-up or `stop()` stores it, not a transaction of its own per echo. Lost with
   * the page, a catch-up merely reads those own changes again.
   */
  private echoCheckpoint: string | null = null;
  /** Stream events are judged one after another, in order (each may move `storedThrough`). */
  private hearing: Promise<void> = Promise.resolve();
  /** A catch-up asked for while one ran: it follows that one (which may have read the feed too early). */
  private catchUpAgain: Promise<void> | null = null;
  /** Other background work (start-up, online handling, catch-ups) that `idle()` waits for. */
  private readonly tasks = new Set<Promise<unknown>>();
  private networkDown = false;
  private stopOnline: (() => void) | null = null;
  private stopped = true;

  constructor(options: SyncEngineOptions) {
    this.api = options.api;
    this.db = options.db;
    this.me = options.annotatorId;
    this.clock = options.clock ?? systemClock;
    this.onlineSignal = options.onlineSignal ?? browserOnline;
    this.changesPageSize = options.changesPageSize ?? 1_000;
    this.recordsPageSize = options.recordsPageSize ?? RECORD_PAGE_SIZE;
    this.sender = new BatchSender({
      api: options.api,
      db: options.db,
      annotatorId: options.annotatorId,
      clock: this.clock,
      random: options.random ?? Math.random,
      backoff: options.backoff ?? { baseMs: 1_000, capMs: 30_000 },
      changed: (itemId) => this.refresh(itemId),
      changedTo: (itemId, rows) => this.changedTo(itemId, rows),
      acknowledged: (itemId, revision) => this.own.add(itemId, revision),
      reached: (reachable) => this.reached(reachable),
      unauthorized: () => this.emit({ type: 'unauthorized' }),
    });
    this.live = options.changeStream
      ? new LiveFeed({
          open: options.changeStream,
          connected: (position) => {
            this.streamPosition = position;
            this.track(this.catchUp());
          },
          changed: (itemIds, notice) => {
            if (notice.id !== null) this.streamPosition = notice.id;
            const heard = this.hearing.then(() => this.hear(itemIds, notice));
            this.hearing = heard.catch(() => undefined);
            this.track(heard);
          },
          unauthorized: () => this.emit({ type: 'unauthorized' }),
          clock: this.clock,
          random: options.random ?? Math.random,
          backoff: options.backoff ?? { baseMs: 1_000, capMs: 30_000 },
        })
      : null;
  }

  get annotatorId(): string {
    return this.me;
  }

  private doc(itemId: string): DocumentRef {
    return { itemId, annotatorId: this.me };
  }

  /** Starts sending whatever the outbox holds and catches up with the change feed. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.sender.start();
    this.stopOnline = this.onlineSignal(() => this.track(this.onOnline()));
    // A fresh start (a reload) writes changes a closed tab left in the journal, then retries at
    // once whatever was waiting on a backoff.
    this.track(
      this.replayJournal()
        .then(() => this.retryWaiting())
        .then(() => this.sender.kickAll()),
    );
    this.track(this.catchUp());
    this.live?.start();
  }

  stop(): void {
    this.stopped = true;
    void this.storeEchoCheckpoint().catch(() => undefined);
    this.sender.stop();
    this.live?.stop();
    this.stopOnline?.();
    this.stopOnline = null;
  }

  subscribe(listener: (event: SyncEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether changes made elsewhere reach this engine as they happen (the live stream is open). */
  get liveConnected(): boolean {
    return this.live?.open ?? false;
  }

  /** The live stream position up to which every change this user follows is in IndexedDB (null: unknown). */
  get followedThrough(): string | null {
    return this.storedThrough;
  }

  stateOf(itemId: string): ItemSyncState | undefined {
    return this.states.get(itemId);
  }

  /** Resolves once nothing is being sent and no catch-up runs (tests and the e2e API wait on it). */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.sender.running(), ...this.tasks, ...(this.catchingUp ? [this.catchingUp] : []), ...(this.catchUpAgain ? [this.catchUpAgain] : [])];
      if (running.length === 0) return;
      await Promise.allSettled(running);
    }
  }

  /** Records of this annotator changed here and not yet acknowledged, over all items. */
  async pendingCount(): Promise<number> {
    const items = await this.db.outbox.where('annotatorId').equals(this.me).toArray();
    let count = 0;
    for (const itemId of new Set(items.map((row) => row.itemId))) count += await dirtyCount(this.db, this.doc(itemId));
    return count;
  }

  /**
   * The local records of an item. The first open on this device pages them in from the server
   * and answers once they are fetched, their storing still under way (offline: whatever is local,
   * loaded later); later opens read IndexedDB and catch up with the
   * server's ops in the background (heard as 'remote' events while held).
   */
  async open(itemId: string, labelSet: DocumentLabelSet): Promise<AnnotationRecord[]> {
    const doc = this.doc(itemId);
    await this.replayJournal(itemId);
    const head = await this.db.heads.get([itemId, this.me]);
    let loaded: AnnotationRecord[] | null = null;
    let loadedRevision: number | null = null;
    if (head?.loaded) {
      this.track(this.catchUpItem(itemId));
    } else if (this.storing.has(itemId)) {
      // Loaded by this engine a moment ago and still being stored: what is stored reads back once it is.
      await this.baseStored(itemId);
    } else {
      try {
        const load = await loadDocument(this.api, this.db, doc, labelSet, { pageSize: this.recordsPageSize, now: this.clock.now() });
        this.reached(true);
        loaded = load.records;
        loadedRevision = load.revision;
        this.storeBehind(itemId, load.stored);
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        this.reached(false);
        if (!head) await this.db.heads.put(unloadedHead(doc, labelSet, this.clock.now()));
      }
    }
    // A first load into an empty device already holds every record: no need to read them back.
    const records = loaded ?? (await readRecords(this.db, doc));
    if (this.held.has(itemId)) this.heldRevisions.set(itemId, loadedRevision ?? (await this.db.heads.get([itemId, this.me]))?.revision ?? 0);
    await this.refresh(itemId);
    this.sender.kick(itemId);
    return records;
  }

  /** Keeps the storing of a first load visible to `idle()` and to the writes that wait for it. */
  private storeBehind(itemId: string, stored: Promise<unknown>): void {
    const done = stored.finally(() => {
      if (this.storing.get(itemId) === done) this.storing.delete(itemId);
      return this.refresh(itemId);
    });
    this.storing.set(itemId, done);
    this.track(done);
  }

  /** Resolves once the item's first load is stored (or failed to be: the head then stays unloaded). */
  private async baseStored(itemId: string): Promise<void> {
    await this.storing.get(itemId)?.catch(() => undefined);
  }

  /**
   * Writes changes ahead of `saveAll`, synchronously and in one transaction (see sync/journal.ts):
   * call it in a task that is sure to run (the key's, or the page's last before it goes away),
   * then pass the answered changes to `saveAll`. Their `journaled` is null when nothing could be
   * written yet. `progress`: the count after the last change.
   */
  journal(itemId: string, diffs: readonly RecordDiff[], progress?: Progress): JournaledChange[] {
    const rows = diffs.map((diff) => ({ id: journalId(this.clock.now()), itemId, annotatorId: this.me, diff, ...(progress ? { progress } : {}) }));
    const written = writeJournal(this.db, rows);
    return rows.map((row) => ({ diff: row.diff, journaled: written ? row.id : null }));
  }

  /**
   * Saves one change of a document (a command's diff): only the changed records and an outbox
   * marker are written, in one transaction; resolves once that is durable. Unsent edits of a
   * record coalesce in its row. `progress` is the editor's count, kept for the item lists.
   * `journaled`: the change's journal entry, deleted in the same transaction; when it is gone
   * already (a replay wrote it), the change is not applied twice.
   */
  save(itemId: string, diff: RecordDiff, progress?: Progress, journaled?: string | null): Promise<void> {
    return this.saveAll(itemId, [{ diff, journaled }], progress);
  }

  /**
   * Saves changes of a document made one after another as `save` saves each, in order, in ONE
   * transaction, followed by one sync-state refresh and one kick of the sender (keys pressed
   * faster than IndexedDB writes cost one write, not one each). `progress`: the count after the last.
   * A save with nothing else of the document waiting freezes its own batch (see `mayFreeze`): its
   * rows are written once carried by it, and the sender sends it without a transaction to choose it.
   */
  async saveAll(itemId: string, changes: readonly JournaledChange[], progress?: Progress): Promise<void> {
    const doc = this.doc(itemId);
    await this.baseStored(itemId);
    const now = this.clock.now();
    let frozen: OutboxRow | null = null;
    const rows = await this.db.transaction('rw', [this.db.records, this.db.baseIndex, this.db.outbox, this.db.heads, this.db.journal, this.db.meta], async () => {
      await this.storeEchoCheckpoint();
      const diffs = await takeJournaled(this.db, changes);
      const head = await this.db.heads.get([itemId, this.me]);
      const carrier = (await this.mayFreeze(doc, head, diffs)) ? newOpId() : undefined;
      const { dirty, dirtyRows } = await writeEdits(this.db, doc, diffs, now, carrier);
      if (carrier !== undefined && dirtyRows.length > 0) {
        frozen = savedFrozen(doc, carrier, dirtyRows, now);
        await this.db.outbox.add(frozen);
      } else if (dirtyRows.length > 0) await ensureOpenBatch(this.db, doc, now);
      if (head) await this.db.heads.put({ ...withDirty(head, dirty), updatedAt: now, ...(progress ? { progress } : {}) });
      // The sync state's rows as this write leaves them, read in its transaction rather than in four more.
      return readSyncRows(this.db, doc);
    });
    // The sender shows the state of a batch it sends at once itself: "sending", not "pending" first.
    if (frozen && this.sender.sendFrozen(itemId, frozen, rows)) return;
    await this.changedTo(itemId, rows);
    this.sender.kick(itemId);
  }

  /**
   * Whether a save may freeze its own batch: the sender runs and the server answers, the document
   * has no batch and no other dirty record, none of the item's sends is running, and one batch
   * holds the change. Else its records join the open batch, frozen when the sender gets to it.
   */
  private async mayFreeze(doc: DocumentRef, head: HeadRow | undefined, diffs: readonly RecordDiff[]): Promise<boolean> {
    if (this.stopped || this.networkDown || head?.dirty !== 0 || this.sender.draining(doc.itemId)) return false;
    const records = new Set(diffs.flatMap((diff) => Object.keys(diff)));
    if (records.size === 0 || records.size > MAX_OPS_PER_BATCH) return false;
    return (await batchesOf(this.db, doc)).length === 0;
  }

  /** Writes into record rows the changes a closed page left only in the journal (of one item, or all), one save per item. */
  private async replayJournal(itemId?: string): Promise<void> {
    const byItem = new Map<string, JournalRow[]>();
    for (const row of await pendingJournal(this.db, this.me, itemId)) byItem.set(row.itemId, [...(byItem.get(row.itemId) ?? []), row]);
    for (const [id, rows] of byItem) {
      const progress = rows.findLast((row) => row.progress)?.progress;
      await this.saveAll(id, rows.map((row) => ({ diff: row.diff, journaled: row.id })), progress);
    }
  }

  /** Every record of the item changed on both sides, with both versions. */
  async conflictsOf(itemId: string): Promise<RecordConflict[]> {
    const rows = await rowsInState(this.db, this.doc(itemId), 'conflict').toArray();
    return rows.flatMap((row) => conflictOf(row) ?? []);
  }

  /**
   * Settles conflicting records the way the user chose, each on its own. Answers the records
   * whose local copy changed (the server's taken; mine on the server's provenance), for the
   * editor to show outside undo.
   */
  async resolve(itemId: string, choices: ReadonlyMap<string, ConflictChoice>): Promise<Map<string, AnnotationRecord | null>> {
    const doc = this.doc(itemId);
    const now = this.clock.now();
    const taken = await this.db.transaction('rw', this.db.records, this.db.outbox, this.db.heads, async () => {
      const ids = [...choices.keys()];
      // Only records in conflict are settled: each has its row.
      const rows = await this.db.records.bulkGet(ids.map((id) => keyOf(doc, id)));
      const writes: RecordRow[] = [];
      const changed = new Map<string, AnnotationRecord | null>();
      let dirty = 0;
      ids.forEach((id, i) => {
        const row = rows[i];
        const choice = choices.get(id);
        const next = row && choice ? resolvedRow(row, choice) : null;
        if (!row || !next) return;
        writes.push(next);
        dirty += dirtyChange(row, next);
        if (!sameRecord(row.record, next.record)) changed.set(id, next.record);
      });
      await this.db.records.bulkPut(writes);
      await adjustDirty(this.db, doc, dirty);
      if (writes.some((row) => row.state === 'dirty')) await ensureOpenBatch(this.db, doc, now);
      return changed;
    });
    await this.refresh(itemId);
    this.sender.kick(itemId);
    return taken;
  }

  /** Marks an item as open in an editor: records taken in for it are announced as 'remote'. */
  hold(itemId: string): void {
    this.held.add(itemId);
  }

  release(itemId: string): void {
    this.held.delete(itemId);
    this.heldRevisions.delete(itemId);
  }

  /**
   * Sends every batch again at once, whatever stopped it: a backoff, a lock, a refusal (after a
   * new login, or on user request). A refusal that still holds is answered again (409 while the
   * item is locked) and stops the batch again; nothing is lost either way.
   */
  async retryNow(): Promise<void> {
    await this.sender.release(() => true);
    await this.sender.kickAll();
  }

  /** The server says the item accepts edits again (a reviewer returned it): its locked batches go now. */
  async retryLocked(itemId: string): Promise<void> {
    await this.sender.release((row) => row.itemId === itemId && row.failure === 'locked');
  }

  /** Takes in records changed elsewhere (another device or tab) since the stored checkpoint. */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.catchUpAgain ??= this.catchingUp
        .catch(() => undefined)
        .then(() => {
          this.catchUpAgain = null;
          return this.catchUp();
        });
      return this.catchUpAgain;
    }
    // What the live stream had announced when the feed read starts is in IndexedDB once it ends.
    const mark = this.streamPosition;
    this.catchingUp = this.network(this.storeEchoCheckpoint().then(() => followFeed(this.api, this.db, this.me, this.changesPageSize, this.takeCopies)))
      .then(() => {
        this.storedThrough = mark;
      })
      .finally(() => {
        this.catchingUp = null;
      });
    return this.catchingUp;
  }

  /**
   * A live stream event: changes made elsewhere are read back (the feed, and a held item's ops);
   * the echo of this engine's own acknowledged writes is not, since IndexedDB holds them already.
   */
  private async hear(itemIds: readonly string[], notice: StreamNotice): Promise<void> {
    // The stream can beat a write's own answer: let the items' requests on the wire be stored first.
    if (notice.documents?.every((doc) => doc.annotatorId === this.me)) await Promise.all(itemIds.map((itemId) => this.sender.answered(itemId)));
    if (notice.id === null || !isOwnEcho(notice, this.me, this.storedThrough, this.own)) {
      this.track(this.catchUp());
      for (const itemId of itemIds) if (this.held.has(itemId)) this.track(this.followHeld(itemId));
      return;
    }
    this.storedThrough = notice.id;
    this.echoCheckpoint = notice.id;
    for (const { itemId, fromRevision, toRevision } of notice.documents ?? []) {
      const followed = this.heldRevisions.get(itemId);
      if (followed === undefined) continue;
      // A held item followed up to just before these writes is now followed past them; one that lags reads the gap.
      if (followed >= fromRevision - 1) this.heldRevisions.set(itemId, Math.max(followed, toRevision));
      else this.track(this.followHeld(itemId));
    }
  }

  /** Stores the echo checkpoint held in memory, if any (inside the caller's transaction when there is one). */
  private async storeEchoCheckpoint(): Promise<void> {
    const checkpoint = this.echoCheckpoint;
    if (checkpoint === null) return;
    this.echoCheckpoint = null;
    await this.db.meta.put({ key: checkpointKey(this.me), value: checkpoint });
  }

  /** Takes in the ops applied to one item since its head's revision (before a submit, at open). */
  async catchUpItem(itemId: string): Promise<void> {
    const head = await this.db.heads.get([itemId, this.me]);
    if (!head?.loaded) return;
    await this.network(followOps(this.api, itemId, head.revision, this.changesPageSize, this.takeCopies));
  }

  /** Takes in the ops of a held item after the revision this engine followed it to (see `heldRevisions`). */
  private async followHeld(itemId: string): Promise<void> {
    const since = this.heldRevisions.get(itemId);
    if (since === undefined) return;
    await this.network(
      followOps(this.api, itemId, since, this.changesPageSize, async (id, copies, revision) => {
        await this.takeCopies(id, copies, revision);
        const followed = this.heldRevisions.get(itemId);
        if (revision !== undefined && followed !== undefined && revision > followed) this.heldRevisions.set(itemId, revision);
      }),
    );
  }

  /**
   * Server copies for an item: taken in where nothing local waits, announced when held. A held
   * item also hears the synced copies IndexedDB already had: another tab of this browser may
   * have taken them in (or written them), and this tab's editor has not seen them yet.
   */
  private readonly takeCopies = async (itemId: string, copies: readonly StoredRecord[], revision?: number): Promise<void> => {
    const doc = this.doc(itemId);
    const held = this.held.has(itemId);
    const alreadySynced = held ? new Map<string, AnnotationRecord | null>() : undefined;
    await this.baseStored(itemId);
    const { taken, localWork } = await this.db.transaction('rw', this.db.records, this.db.baseIndex, this.db.heads, async () => {
      const head = await this.db.heads.get([itemId, this.me]);
      if (!head?.loaded) return { taken: new Map<string, AnnotationRecord | null>(), localWork: false };
      const taken = await takeServerCopies(this.db, doc, copies, alreadySynced);
      const caughtUp = revision !== undefined && revision > head.revision;
      // An item nobody has open does not recount its progress: the list falls back to the server's.
      if (caughtUp || (taken.size > 0 && !held)) {
        await this.db.heads.put({ ...head, ...(caughtUp ? { revision } : {}), ...(held ? {} : { progress: null }) });
      }
      return { taken, localWork: taken.size < new Set(copies.map((copy) => copy.id)).size };
    });
    const heard = new Map([...(alreadySynced ?? []), ...taken]);
    if (held && heard.size > 0) this.emit({ type: 'remote', itemId, records: heard });
    await this.refresh(itemId);
    // Records changed here too: their batch settles it (applied, or a conflict).
    if (localWork) this.sender.kick(itemId);
  };

  /** Runs a request chain, noting whether the server could be reached. */
  private async network(work: Promise<void>): Promise<void> {
    try {
      await work;
      this.reached(true);
    } catch (error) {
      if (error instanceof NetworkError) this.reached(false);
      throw error;
    }
  }

  /** Whether the server answered: when it does again, batches waiting on a backoff go at once. */
  private reached(reachable: boolean): void {
    const wasDown = this.networkDown;
    this.networkDown = !reachable;
    if (reachable && wasDown) this.track(this.retryWaiting());
    // Items shown as synced say whether the server answers (Submit needs it).
    if (reachable === wasDown) for (const itemId of this.states.keys()) this.track(this.refresh(itemId));
  }

  /** Runs background work, keeping it visible to `idle()`; its failure is already reflected in item states. */
  private track(task: Promise<unknown>): void {
    const settled = task.catch(() => undefined).finally(() => this.tasks.delete(settled));
    this.tasks.add(settled);
  }

  private async onOnline(): Promise<void> {
    this.live?.reconnectNow();
    await this.retryWaiting();
    await this.catchUp().catch(() => undefined);
  }

  private async retryWaiting(): Promise<void> {
    await this.sender.release((row) => row.failure === 'network' || row.failure === 'server');
  }

  /**
   * Recomputes the item's sync state. Asked for while a read runs (a save and the sender's steps
   * in quick succession), it reads once more after that one, for all who asked meanwhile.
   */
  private refresh(itemId: string): Promise<void> {
    const running = this.refreshing.get(itemId);
    if (running) {
      let again = this.refreshAgain.get(itemId);
      if (!again) {
        again = running
          .catch(() => undefined)
          .then(() => {
            this.refreshAgain.delete(itemId);
            return this.refresh(itemId);
          });
        this.refreshAgain.set(itemId, again);
      }
      return again;
    }
    const read = this.readState(itemId).finally(() => this.refreshing.delete(itemId));
    this.refreshing.set(itemId, read);
    return read;
  }

  /** The item's sync state from rows a write read in its own transaction. */
  private async changedTo(itemId: string, rows: SyncRows): Promise<void> {
    // A read under way may have read before that write: the state then comes from one after it.
    if (this.refreshing.has(itemId)) await this.refresh(itemId);
    else this.applyState(itemId, rows);
  }

  private async readState(itemId: string): Promise<void> {
    this.applyState(itemId, await readSyncRows(this.db, this.doc(itemId)));
  }

  private applyState(itemId: string, rows: SyncRows): void {
    const state = computeSyncState(rows.head?.revision ?? 0, rows.batches, rows.counts, {
      sending: this.sender.isSending(itemId),
      networkDown: this.networkDown,
      now: this.clock.now(),
    });
    const previous = this.states.get(itemId);
    if (previous && sameSyncState(previous, state)) return;
    this.states.set(itemId, state);
    this.emit({ type: 'state', itemId, state });
  }

  private emit(event: SyncEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function unloadedHead(doc: DocumentRef, labelSet: DocumentLabelSet, now: number): HeadRow {
  return { ...doc, revision: 0, loaded: false, labelSetId: labelSet.labelSetId, labelSetVersion: labelSet.labelSetVersion, progress: null, updatedAt: now };
}
