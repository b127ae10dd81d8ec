/**
 * Write-behind sync of annotation documents, framework-free.
 *
 * Every change lands in IndexedDB first (draft + outbox, one transaction); only then is it
 * "saved". The engine later sends the draft to the server:
 * - one PUT per outbox entry, `If-Match` = the draft's base revision, `Idempotency-Key` = the
 *   entry's opId. The first send freezes the entry's body, so a retry after a lost response is the
 *   same request and the server applies it once; edits made meanwhile open a new entry.
 * - network errors and 5xx back off exponentially with jitter (capped), and retry at once when
 *   the browser comes online or any request succeeds.
 * - 412: the server moved on. The server head is kept in the draft's `conflict` beside the local
 *   document and the item stops syncing until the user resolves it. 409 (locked) and other
 *   refusals stop the entry, and the item's later entries behind it, with an error; nothing local
 *   is dropped. `retryNow` sends them again, and so does `retryLocked` once the item is editable.
 * - the change feed pulls documents changed elsewhere into drafts without pending edits.
 */
import type { AnnotationDocument } from '../core/annotation';
import type { DocumentHead } from '../core/api';
import { ApiRequestError, NetworkError, type ApiClient } from './api';
import { backoffDelay, type Backoff } from './backoff';
import { systemClock, type Clock } from './clock';
import { checkpointKey, isBlocking, type DraftRow, type MejirushiDb, type OutboxRow } from './db';
import { browserOnline, type OnlineSignal } from './onlineSignal';
import { newOpId } from './opId';
import { resolveConflictDocument, type ConflictChoice } from './resolve';
import { classifyFailure, computeSyncState, sameSyncState, type ItemSyncState } from './syncState';

export type { Clock } from './clock';
export type { OnlineSignal } from './onlineSignal';
export type { ItemSyncState, SyncStatus } from './syncState';

export type SyncEvent =
  | { readonly type: 'state'; readonly itemId: string; readonly state: ItemSyncState }
  /**
   * A newer server document for a held item (open in an editor) with no pending local edits: the
   * holder applies it without entering undo, then calls `acceptRemote`.
   */
  | { readonly type: 'remote'; readonly itemId: string; readonly head: DocumentHead }
  /** Requests are refused for want of a valid session. */
  | { readonly type: 'unauthorized' };

export type SyncApi = Pick<ApiClient, 'putDocument' | 'getDocument' | 'changes'>;

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
}

export class SyncEngine {
  private readonly api: SyncApi;
  private readonly db: MejirushiDb;
  private readonly me: string;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly onlineSignal: OnlineSignal;
  private readonly backoff: Backoff;
  private readonly pageSize: number;

  private readonly listeners = new Set<(event: SyncEvent) => void>();
  private readonly states = new Map<string, ItemSyncState>();
  private readonly drains = new Map<string, Promise<void>>();
  private readonly rerun = new Set<string>();
  private readonly inFlight = new Set<string>();
  private readonly timers = new Map<string, unknown>();
  /** Items open in an editor: remote changes go through the holder, never behind its back. */
  private readonly held = new Set<string>();
  private catchingUp: Promise<void> | null = null;
  /** Other background work (start-up, online handling) that `idle()` waits for. */
  private readonly tasks = new Set<Promise<unknown>>();
  private networkDown = false;
  private stopOnline: (() => void) | null = null;
  private stopped = true;

  constructor(options: SyncEngineOptions) {
    this.api = options.api;
    this.db = options.db;
    this.me = options.annotatorId;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.onlineSignal = options.onlineSignal ?? browserOnline;
    this.backoff = options.backoff ?? { baseMs: 1_000, capMs: 30_000 };
    this.pageSize = options.changesPageSize ?? 500;
  }

  get annotatorId(): string {
    return this.me;
  }

  /** Starts sending whatever the outbox holds and catches up with the change feed. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopOnline = this.onlineSignal(() => this.track(this.onOnline()));
    // A fresh start (a reload) retries at once whatever was waiting on a backoff.
    this.track(this.retryWaiting().then(() => this.kickAll()));
    this.track(this.catchUp());
  }

  stop(): void {
    this.stopped = true;
    this.stopOnline?.();
    this.stopOnline = null;
    for (const handle of this.timers.values()) this.clock.clearTimeout(handle);
    this.timers.clear();
  }

  subscribe(listener: (event: SyncEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stateOf(itemId: string): ItemSyncState | undefined {
    return this.states.get(itemId);
  }

  /** Resolves once no item is being sent and no catch-up runs (tests and the e2e API wait on it). */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.drains.values(), ...this.tasks, ...(this.catchingUp ? [this.catchingUp] : [])];
      if (running.length === 0) return;
      await Promise.allSettled(running);
    }
  }

  /** Number of outbox entries of this annotator not yet acknowledged. */
  pendingCount(): Promise<number> {
    return this.db.outbox.where('annotatorId').equals(this.me).count();
  }

  /**
   * Loads the local draft of an item, creating it from the server head (or `emptyDoc` when
   * offline with nothing cached), and pulls a newer server version when no local edits wait.
   */
  async open(itemId: string, emptyDoc: () => AnnotationDocument): Promise<DraftRow> {
    let head: DocumentHead | null = null;
    try {
      head = await this.api.getDocument(itemId);
      this.markNetworkUp();
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      this.networkDown = true;
    }
    const draft = await this.db.transaction('rw', this.db.drafts, this.db.outbox, async () => {
      const existing = await this.db.drafts.get([itemId, this.me]);
      if (!existing) {
        const created: DraftRow = {
          itemId,
          annotatorId: this.me,
          doc: head?.document ?? emptyDoc(),
          baseRevision: head?.revision ?? 0,
          baseDoc: head?.document ?? null,
          version: 0,
          syncedVersion: 0,
          updatedAt: this.clock.now(),
        };
        await this.db.drafts.put(created);
        return created;
      }
      if (!head || head.revision === existing.baseRevision || existing.conflict) return existing;
      const pending = await this.rowsOf(itemId);
      if (pending.length > 0) return existing; // the next PUT settles it: applied, replayed or 412
      if (head.revision > existing.baseRevision && head.document) return this.pullInto(existing, head);
      // The server is behind a draft it acknowledged (restored from backup?): keep both.
      const conflicted: DraftRow = { ...existing, conflict: { server: head, detectedAt: this.clock.now() } };
      await this.db.drafts.put(conflicted);
      return conflicted;
    });
    await this.refresh(itemId);
    this.kick(itemId);
    return draft;
  }

  /**
   * Saves a new version of the document: draft and outbox are written in one transaction, and
   * the promise resolves only once that is durable. Unsent edits coalesce into one entry.
   */
  async save(itemId: string, doc: AnnotationDocument): Promise<DraftRow> {
    const now = this.clock.now();
    const draft = await this.db.transaction('rw', this.db.drafts, this.db.outbox, async () => {
      const existing = await this.db.drafts.get([itemId, this.me]);
      const next: DraftRow = {
        itemId,
        annotatorId: this.me,
        baseRevision: existing?.baseRevision ?? 0,
        baseDoc: existing?.baseDoc ?? null,
        syncedVersion: existing?.syncedVersion ?? 0,
        ...(existing?.conflict ? { conflict: existing.conflict } : {}),
        doc,
        version: (existing?.version ?? 0) + 1,
        updatedAt: now,
      };
      await this.db.drafts.put(next);
      await this.enqueue(itemId, next.version, now);
      return next;
    });
    await this.refresh(itemId);
    this.kick(itemId);
    return draft;
  }

  /** Settles a conflict the way the user chose; answers the document now in the draft. */
  async resolve(itemId: string, choice: ConflictChoice): Promise<AnnotationDocument> {
    const now = this.clock.now();
    const resolved = await this.db.transaction('rw', this.db.drafts, this.db.outbox, async () => {
      const draft = await this.db.drafts.get([itemId, this.me]);
      if (!draft?.conflict) throw new Error(`No conflict to resolve for item ${itemId}`);
      const server = draft.conflict.server;
      const doc = resolveConflictDocument(choice, { mine: draft.doc, base: draft.baseDoc, server: server.document });
      await this.db.outbox.where('[itemId+annotatorId]').equals([itemId, this.me]).delete();
      const version = draft.version + 1;
      const next: DraftRow = {
        itemId,
        annotatorId: this.me,
        doc,
        baseRevision: server.revision,
        baseDoc: server.document,
        version,
        syncedVersion: choice === 'theirs' ? version : draft.syncedVersion,
        updatedAt: now,
      };
      await this.db.drafts.put(next);
      if (choice !== 'theirs') await this.enqueue(itemId, version, now);
      return next;
    });
    await this.refresh(itemId);
    this.kick(itemId);
    return resolved.doc;
  }

  /**
   * Marks an item as open in an editor. Its newer server documents are then offered as 'remote'
   * events instead of being written into the draft, so an edit in flight is never overwritten.
   */
  hold(itemId: string): void {
    this.held.add(itemId);
  }

  release(itemId: string): void {
    this.held.delete(itemId);
  }

  /**
   * Takes a server document the holder has applied into the draft. Answers false (and changes
   * nothing) when local edits arrived meanwhile: their PUT then settles it (412 → conflict).
   */
  async acceptRemote(itemId: string, head: DocumentHead): Promise<boolean> {
    const accepted = await this.db.transaction('rw', this.db.drafts, this.db.outbox, async () => {
      const draft = await this.db.drafts.get([itemId, this.me]);
      if (!draft || draft.conflict || head.revision <= draft.baseRevision) return false;
      if ((await this.rowsOf(itemId)).length > 0) return false;
      await this.pullInto(draft, head);
      return true;
    });
    await this.refresh(itemId);
    if (!accepted) this.kick(itemId);
    return accepted;
  }

  /**
   * Sends every entry again at once, whatever stopped it: a backoff, a lock, a refusal (after a
   * new login, or on user request). A refusal that still holds is answered again (409 while the
   * item is locked) and stops the entry again; nothing is lost either way.
   */
  async retryNow(): Promise<void> {
    await this.db.transaction('rw', this.db.outbox, async () => {
      const rows = await this.db.outbox.where('annotatorId').equals(this.me).toArray();
      for (const row of rows) await this.db.outbox.update(row.opId, { nextAttemptAt: 0, failure: undefined });
    });
    await this.kickAll();
  }

  /**
   * The server says the item accepts edits again (a reviewer returned it): its entries refused
   * as locked are sent now, oldest first, and the edits queued behind them follow.
   */
  async retryLocked(itemId: string): Promise<void> {
    const retried = await this.db.transaction('rw', this.db.outbox, async () => {
      const locked = (await this.rowsOf(itemId)).filter((row) => row.failure === 'locked');
      for (const row of locked) await this.db.outbox.update(row.opId, { nextAttemptAt: 0, failure: undefined });
      return locked.length > 0;
    });
    if (!retried) return;
    await this.refresh(itemId);
    this.kick(itemId);
  }

  /** Pulls documents changed elsewhere (another device or tab) since the stored checkpoint. */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.runCatchUp().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  private async runCatchUp(): Promise<void> {
    const key = checkpointKey(this.me);
    let since = (await this.db.meta.get(key))?.value ?? 0;
    for (;;) {
      let feed;
      try {
        feed = await this.api.changes(since, this.pageSize);
        this.markNetworkUp();
      } catch (error) {
        if (error instanceof NetworkError) this.networkDown = true;
        throw error;
      }
      const latest = new Map<string, number>();
      for (const change of feed.changes) {
        if (change.annotatorId !== this.me) continue;
        latest.set(change.itemId, Math.max(latest.get(change.itemId) ?? 0, change.revision));
      }
      for (const [itemId, revision] of latest) await this.catchUpItem(itemId, revision);
      await this.db.meta.put({ key, value: feed.checkpoint });
      if (feed.changes.length < this.pageSize || feed.checkpoint <= since) return;
      since = feed.checkpoint;
    }
  }

  private async catchUpItem(itemId: string, revision: number): Promise<void> {
    const draft = await this.db.drafts.get([itemId, this.me]);
    if (!draft || draft.conflict || revision <= draft.baseRevision) return;
    if ((await this.rowsOf(itemId)).length > 0) {
      this.kick(itemId); // the PUT finds out: replayed, applied, or 412 → conflict
      return;
    }
    const head = await this.api.getDocument(itemId);
    if (!head.document || head.revision <= draft.baseRevision) return;
    if (this.held.has(itemId)) {
      this.emit({ type: 'remote', itemId, head });
      return;
    }
    const pulled = await this.db.transaction('rw', this.db.drafts, this.db.outbox, async () => {
      const current = await this.db.drafts.get([itemId, this.me]);
      if (!current || current.version !== draft.version || (await this.rowsOf(itemId)).length > 0) return false;
      await this.pullInto(current, head);
      return true;
    });
    if (!pulled) this.kick(itemId);
    await this.refresh(itemId);
  }

  /** Replaces a draft without pending edits by the server's newer document. Inside a transaction. */
  private async pullInto(draft: DraftRow, head: DocumentHead): Promise<DraftRow> {
    if (!head.document) return draft;
    const version = draft.version + 1;
    const next: DraftRow = {
      itemId: draft.itemId,
      annotatorId: draft.annotatorId,
      doc: head.document,
      baseRevision: head.revision,
      baseDoc: head.document,
      version,
      syncedVersion: version,
      updatedAt: this.clock.now(),
    };
    await this.db.drafts.put(next);
    return next;
  }

  /** Adds the version to the open (unsent) entry of the item, or opens one. Inside a transaction. */
  private async enqueue(itemId: string, version: number, now: number): Promise<void> {
    const rows = await this.rowsOf(itemId);
    const open = rows.find((row) => !row.frozen);
    if (open) {
      await this.db.outbox.update(open.opId, { version });
      return;
    }
    const seq = rows.reduce((max, row) => Math.max(max, row.seq + 1), 0);
    await this.db.outbox.add({
      opId: newOpId(),
      itemId,
      annotatorId: this.me,
      seq,
      version,
      attempts: 0,
      nextAttemptAt: now,
    });
  }

  private async rowsOf(itemId: string): Promise<OutboxRow[]> {
    const rows = await this.db.outbox.where('[itemId+annotatorId]').equals([itemId, this.me]).toArray();
    return rows.sort((a, b) => a.seq - b.seq);
  }

  private async kickAll(): Promise<void> {
    const rows = await this.db.outbox.where('annotatorId').equals(this.me).toArray();
    for (const itemId of new Set(rows.map((row) => row.itemId))) this.kick(itemId);
  }

  /** Starts draining the item's outbox, or asks the running drain to look again. */
  private kick(itemId: string): void {
    if (this.stopped) return;
    if (this.drains.has(itemId)) {
      this.rerun.add(itemId);
      return;
    }
    const drain = this.drain(itemId).finally(() => {
      this.drains.delete(itemId);
      if (this.rerun.delete(itemId)) this.kick(itemId);
    });
    this.drains.set(itemId, drain);
  }

  private async drain(itemId: string): Promise<void> {
    for (;;) {
      this.rerun.delete(itemId);
      const sending = await this.nextToSend(itemId);
      if (!sending) break;
      const frozen = sending.frozen;
      if (!frozen) break;
      this.inFlight.add(itemId);
      await this.refresh(itemId);
      try {
        const result = await this.api.putDocument(itemId, frozen.doc, frozen.baseRevision, sending.opId);
        await this.applied(sending, frozen, result.revision);
        this.markNetworkUp();
      } catch (error) {
        await this.failed(sending, error);
        if (error instanceof ApiRequestError && error.status === 401) this.emit({ type: 'unauthorized' });
        break;
      } finally {
        this.inFlight.delete(itemId);
      }
      if (this.stopped) break;
    }
    await this.refresh(itemId);
  }

  /** The oldest entry of the item if it may be sent now, frozen for sending. */
  private async nextToSend(itemId: string): Promise<OutboxRow | null> {
    const row = await this.db.transaction('rw', this.db.drafts, this.db.outbox, async () => {
      const [head] = await this.rowsOf(itemId);
      if (!head || isBlocking(head.failure)) return null;
      const draft = await this.db.drafts.get([itemId, this.me]);
      if (!draft) {
        // Entries without a draft carry nothing to send.
        await this.db.outbox.where('[itemId+annotatorId]').equals([itemId, this.me]).delete();
        return null;
      }
      if (draft.conflict) return null;
      if (head.nextAttemptAt > this.clock.now()) return head;
      if (head.frozen) return head;
      const frozen: OutboxRow = {
        ...head,
        version: draft.version,
        frozen: { doc: draft.doc, baseRevision: draft.baseRevision },
      };
      await this.db.outbox.put(frozen);
      return frozen;
    });
    if (row && row.nextAttemptAt > this.clock.now()) {
      this.schedule(itemId, row.nextAttemptAt);
      return null;
    }
    return row;
  }

  private async applied(row: OutboxRow, frozen: NonNullable<OutboxRow['frozen']>, revision: number): Promise<void> {
    await this.db.transaction('rw', this.db.drafts, this.db.outbox, async () => {
      await this.db.outbox.delete(row.opId);
      const draft = await this.db.drafts.get([row.itemId, this.me]);
      if (!draft) return;
      await this.db.drafts.put({
        ...draft,
        baseRevision: revision,
        baseDoc: frozen.doc,
        syncedVersion: Math.max(draft.syncedVersion, row.version),
      });
    });
  }

  private async failed(row: OutboxRow, error: unknown): Promise<void> {
    const now = this.clock.now();
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ApiRequestError && error.status === 412) {
      const server = error.conflict;
      await this.db.transaction('rw', this.db.drafts, this.db.outbox, async () => {
        const draft = await this.db.drafts.get([row.itemId, this.me]);
        if (draft && server) await this.db.drafts.put({ ...draft, conflict: { server, detectedAt: now } });
        await this.db.outbox.update(row.opId, { attempts: row.attempts + 1, lastError: message, failure: server ? undefined : 'rejected' });
      });
      return;
    }
    const failure = classifyFailure(error);
    const attempts = row.attempts + 1;
    const retrying = failure === 'network' || failure === 'server';
    const nextAttemptAt = retrying ? now + backoffDelay(attempts, this.backoff, this.random) : row.nextAttemptAt;
    if (failure === 'network') this.networkDown = true;
    await this.db.outbox.update(row.opId, { attempts, nextAttemptAt, lastError: message, failure });
    if (retrying) this.schedule(row.itemId, nextAttemptAt);
  }

  private schedule(itemId: string, at: number): void {
    if (this.stopped) return;
    const previous = this.timers.get(itemId);
    if (previous !== undefined) this.clock.clearTimeout(previous);
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(itemId);
      this.kick(itemId);
    }, Math.max(0, at - this.clock.now()));
    this.timers.set(itemId, handle);
  }

  /** The network answered: entries waiting on a backoff retry at once. */
  private markNetworkUp(): void {
    const wasDown = this.networkDown;
    this.networkDown = false;
    if (wasDown) this.track(this.retryWaiting());
  }

  /** Runs background work, keeping it visible to `idle()`; its failure is already reflected in item states. */
  private track(task: Promise<unknown>): void {
    const settled = task.catch(() => undefined).finally(() => this.tasks.delete(settled));
    this.tasks.add(settled);
  }

  private async onOnline(): Promise<void> {
    await this.retryWaiting();
    await this.catchUp().catch(() => undefined);
  }

  private async retryWaiting(): Promise<void> {
    const rows = await this.db.outbox.where('annotatorId').equals(this.me).toArray();
    const waiting = rows.filter((row) => row.failure === 'network' || row.failure === 'server');
    if (waiting.length === 0) return;
    await this.db.outbox.bulkUpdate(waiting.map((row) => ({ key: row.opId, changes: { nextAttemptAt: 0 } })));
    for (const itemId of new Set(waiting.map((row) => row.itemId))) {
      const handle = this.timers.get(itemId);
      if (handle !== undefined) this.clock.clearTimeout(handle);
      this.timers.delete(itemId);
      this.kick(itemId);
    }
  }

  private async refresh(itemId: string): Promise<void> {
    const [draft, rows] = await Promise.all([this.db.drafts.get([itemId, this.me]), this.rowsOf(itemId)]);
    const state = computeSyncState(draft, rows, { inFlight: this.inFlight.has(itemId), networkDown: this.networkDown, now: this.clock.now() });
    const previous = this.states.get(itemId);
    if (previous && sameSyncState(previous, state)) return;
    this.states.set(itemId, state);
    this.emit({ type: 'state', itemId, state });
  }

  private emit(event: SyncEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
