/**
 * Sends each item's outbox, oldest batch first, one request at a time per item:
 * - the first send freezes the batch (ops and Idempotency-Key), so a retry after a lost answer
 *   is the very same request and the server applies it once;
 * - network errors and 5xx back off exponentially with jitter (capped) on the injected clock,
 *   and retry at once when the browser is online again or any request succeeds;
 * - 412 sets the conflicting records aside and resends the rest at once under a new key;
 * - 409 (locked), 401 and other refusals stop the item's outbox until `retryNow`/`retryLocked`.
 */
import { ApiRequestError, NetworkError, type ApiClient } from '../api';
import { backoffDelay, type Backoff } from '../backoff';
import type { Clock } from '../clock';
import { isBlocking, type MejirushiDb, type OutboxRow } from '../db';
import { classifyFailure } from '../syncState';
import { settleConflict } from './conflicts';
import { acknowledge, batchesOf, freeze, setAside } from './outbox';
import type { DocumentRef } from './recordRows';

export interface SenderOptions {
  readonly api: Pick<ApiClient, 'patchRecords'>;
  readonly db: MejirushiDb;
  readonly annotatorId: string;
  readonly clock: Clock;
  readonly random: () => number;
  readonly backoff: Backoff;
  /** The item's outbox or records changed: its sync state may have. */
  readonly changed: (itemId: string) => Promise<void>;
  /** A batch was applied as the document's next revision, and IndexedDB holds its outcome. */
  readonly acknowledged: (itemId: string, revision: number) => void;
  /** A request was answered (true) or could not reach the server (false). */
  readonly reached: (reachable: boolean) => void;
  readonly unauthorized: () => void;
}

export class BatchSender {
  private readonly drains = new Map<string, Promise<void>>();
  private readonly rerun = new Set<string>();
  private readonly sending = new Set<string>();
  /** Per item, the request on the wire until its answer is stored (or its failure noted). */
  private readonly answers = new Map<string, Promise<boolean>>();
  private readonly timers = new Map<string, unknown>();
  private stopped = true;

  constructor(private readonly options: SenderOptions) {}

  private doc(itemId: string): DocumentRef {
    return { itemId, annotatorId: this.options.annotatorId };
  }

  start(): void {
    this.stopped = false;
  }

  stop(): void {
    this.stopped = true;
    for (const handle of this.timers.values()) this.options.clock.clearTimeout(handle);
    this.timers.clear();
  }

  /** A request of this item is on the wire. */
  isSending(itemId: string): boolean {
    return this.sending.has(itemId);
  }

  /** Resolves once the item's request on the wire (if any) is answered and its outcome stored. */
  async answered(itemId: string): Promise<void> {
    await this.answers.get(itemId)?.catch(() => undefined);
  }

  running(): Promise<void>[] {
    return [...this.drains.values()];
  }

  /** Starts draining the item's outbox, or asks the running drain to look again. */
  kick(itemId: string): void {
    if (this.stopped) return;
    if (this.drains.has(itemId)) {
      this.rerun.add(itemId);
      return;
    }
    // A drain fails only when IndexedDB does (closed at logout, quota): the outbox stays as it was.
    const drain = this.drain(itemId).catch(() => undefined).finally(() => {
      this.drains.delete(itemId);
      if (this.rerun.delete(itemId)) this.kick(itemId);
    });
    this.drains.set(itemId, drain);
  }

  async kickAll(): Promise<void> {
    const rows = await this.options.db.outbox.where('annotatorId').equals(this.options.annotatorId).toArray();
    for (const itemId of new Set(rows.map((row) => row.itemId))) this.kick(itemId);
  }

  /** Clears the failures `which` selects (of one item, or all) so they are sent at once. */
  async release(which: (row: OutboxRow) => boolean): Promise<string[]> {
    const { db, annotatorId } = this.options;
    const items = await db.transaction('rw', db.outbox, async () => {
      const rows = (await db.outbox.where('annotatorId').equals(annotatorId).toArray()).filter(which);
      await db.outbox.bulkUpdate(rows.map((row) => ({ key: row.opId, changes: { nextAttemptAt: 0, failure: undefined } })));
      return [...new Set(rows.map((row) => row.itemId))];
    });
    for (const itemId of items) {
      const handle = this.timers.get(itemId);
      if (handle !== undefined) this.options.clock.clearTimeout(handle);
      this.timers.delete(itemId);
      await this.options.changed(itemId);
      this.kick(itemId);
    }
    return items;
  }

  private async drain(itemId: string): Promise<void> {
    for (;;) {
      this.rerun.delete(itemId);
      const batch = await this.nextToSend(itemId);
      if (!batch?.ops) break;
      this.sending.add(itemId);
      await this.options.changed(itemId);
      const answer = this.send(batch, batch.ops);
      this.answers.set(itemId, answer);
      try {
        if (!(await answer)) break;
      } finally {
        this.sending.delete(itemId);
        this.answers.delete(itemId);
      }
      if (this.stopped) break;
    }
    await this.options.changed(itemId);
  }

  /** Sends a frozen batch and stores the outcome; answers whether the drain goes on. */
  private async send(batch: OutboxRow, ops: NonNullable<OutboxRow['ops']>): Promise<boolean> {
    const { itemId } = batch;
    try {
      const body = batch.legacyBaseRevision === undefined ? { ops } : { ops, legacyBaseRevision: batch.legacyBaseRevision };
      const result = await this.options.api.patchRecords(itemId, body, batch.opId);
      const followed = await this.inTransaction(() => acknowledge(this.options.db, this.doc(itemId), batch, result, this.options.clock.now()));
      if (followed) this.options.acknowledged(itemId, result.revision);
      this.options.reached(true);
      return true;
    } catch (error) {
      return this.failed(batch, error);
    }
  }

  private inTransaction<T>(work: () => Promise<T>): Promise<T> {
    const { db } = this.options;
    return db.transaction('rw', db.records, db.outbox, db.heads, work);
  }

  /** The oldest batch of the item if it may be sent now, frozen for sending. */
  private async nextToSend(itemId: string): Promise<OutboxRow | null> {
    const now = this.options.clock.now();
    const batch = await this.inTransaction(async () => {
      const [head] = await batchesOf(this.options.db, this.doc(itemId));
      if (!head || isBlocking(head.failure)) return null;
      if (head.ops || head.nextAttemptAt > now) return head;
      return freeze(this.options.db, this.doc(itemId), head, now);
    });
    if (batch && batch.nextAttemptAt > now) {
      this.schedule(itemId, batch.nextAttemptAt);
      return null;
    }
    return batch;
  }

  /** Records why the batch failed; answers whether the drain goes on at once (after a 412). */
  private async failed(batch: OutboxRow, error: unknown): Promise<boolean> {
    const { db, clock } = this.options;
    const now = clock.now();
    const message = error instanceof Error ? error.message : String(error);
    const conflicts = error instanceof ApiRequestError ? error.recordConflicts : undefined;
    if (conflicts) {
      this.options.reached(true);
      await this.inTransaction(() => setAside(db, this.doc(batch.itemId), batch, conflicts, now, settleConflict));
      return true;
    }
    const failure = classifyFailure(error);
    const attempts = batch.attempts + 1;
    const retrying = failure === 'network' || failure === 'server';
    const nextAttemptAt = retrying ? now + backoffDelay(attempts, this.options.backoff, this.options.random) : batch.nextAttemptAt;
    await db.outbox.update(batch.opId, { attempts, nextAttemptAt, lastError: message, failure });
    this.options.reached(!(error instanceof NetworkError));
    if (failure === 'unauthorized') this.options.unauthorized();
    if (retrying) this.schedule(batch.itemId, nextAttemptAt);
    return false;
  }

  private schedule(itemId: string, at: number): void {
    if (this.stopped) return;
    const { clock } = this.options;
    const previous = this.timers.get(itemId);
    if (previous !== undefined) clock.clearTimeout(previous);
    const handle = clock.setTimeout(() => {
      this.timers.delete(itemId);
      this.kick(itemId);
    }, Math.max(0, at - clock.now()));
    this.timers.set(itemId, handle);
  }
}
