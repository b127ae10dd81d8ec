/**
 * Sends each item's outbox, oldest batch first, one request at a time per item:
 * - the first send freezes the batch (ops and Idempotency-Key), so a retry after a lost answer
 *   is the very same request and the server applies it once;
 * - network errors and 5xx back off exponentially with jitter (capped) on the injected clock,
 *   and retry at once when the browser is online again or any request succeeds;
 * - 412 sets the conflicting records aside and resends the rest at once under a new key;
 * - 409 (locked), 401 and other refusals stop the item's outbox until `retryNow`/`retryLocked`.
 * A send's outcome, the choice (and freezing) of the next batch and the rows of the item's sync
 * state are written and read in one transaction: a batch costs one transaction after its request.
 */
import { ApiRequestError, NetworkError, type ApiClient } from '../api';
import { backoffDelay, type Backoff } from '../backoff';
import type { Clock } from '../clock';
import { isBlocking, type MejirushiDb, type OutboxRow } from '../db';
import { classifyFailure } from '../syncState';
import { settleConflict } from './conflicts';
import { acknowledge, batchesOf, freeze, setAside } from './outbox';
import type { DocumentRef } from './recordRows';
import { readSyncRows, type SyncRows } from './syncRows';

export interface SenderOptions {
  readonly api: Pick<ApiClient, 'patchRecords'>;
  readonly db: MejirushiDb;
  readonly annotatorId: string;
  readonly clock: Clock;
  readonly random: () => number;
  readonly backoff: Backoff;
  /** The item's outbox or records changed: its sync state may have. */
  readonly changed: (itemId: string) => Promise<void>;
  /** The same, with the rows of its sync state as the change left them (read in its transaction). */
  readonly changedTo: (itemId: string, rows: SyncRows) => Promise<void>;
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
  private readonly answers = new Map<string, Promise<Step>>();
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

  /** A drain of the item runs (a request on the wire, or a look at its outbox). */
  draining(itemId: string): boolean {
    return this.drains.has(itemId);
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
    this.startDrain(itemId);
  }

  /**
   * Sends a batch a save froze (nothing else of the item waited), skipping the look at the outbox
   * that would choose it; the item's state, from `rows`, is shown once, as sending. Answers false
   * (the batch then waits for a kick) when a drain of the item runs or the sender is stopped.
   */
  sendFrozen(itemId: string, batch: OutboxRow, rows: SyncRows): boolean {
    if (this.stopped || this.drains.has(itemId)) return false;
    this.rerun.delete(itemId);
    this.startDrain(itemId, { batch, rows });
    return true;
  }

  private startDrain(itemId: string, first?: Step): void {
    // A drain fails only when IndexedDB does (closed at logout, quota): the outbox stays as it was.
    const drain = this.drain(itemId, first).catch(() => undefined).finally(() => {
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

  private async drain(itemId: string, first?: Step): Promise<void> {
    let step = first ?? (await this.step(itemId, async () => undefined));
    for (let batch = step.batch; batch?.ops; batch = step.batch) {
      this.sending.add(itemId);
      await this.options.changedTo(itemId, step.rows);
      const answer = this.send(batch, batch.ops);
      this.answers.set(itemId, answer);
      try {
        step = await answer;
      } finally {
        this.sending.delete(itemId);
        this.answers.delete(itemId);
      }
    }
    await this.options.changedTo(itemId, step.rows);
  }

  /** Sends a frozen batch and stores the outcome; answers the next step (no batch: the drain stops). */
  private async send(batch: OutboxRow, ops: NonNullable<OutboxRow['ops']>): Promise<Step> {
    const { itemId } = batch;
    try {
      const body = batch.legacyBaseRevision === undefined ? { ops } : { ops, legacyBaseRevision: batch.legacyBaseRevision };
      const result = await this.options.api.patchRecords(itemId, body, batch.opId);
      let followed = false;
      const step = await this.step(itemId, async (now) => {
        followed = await acknowledge(this.options.db, this.doc(itemId), batch, result, now);
      });
      if (followed) this.options.acknowledged(itemId, result.revision);
      this.options.reached(true);
      return step;
    } catch (error) {
      return this.failed(batch, error);
    }
  }

  private inTransaction<T>(work: () => Promise<T>): Promise<T> {
    const { db } = this.options;
    return db.transaction('rw', db.records, db.outbox, db.heads, work);
  }

  /**
   * Stores `outcome` and, in the same transaction, takes the item's next batch (frozen for
   * sending) and its sync state's rows; a batch that must wait for its retry is scheduled.
   */
  private async step(itemId: string, outcome: (now: number) => Promise<void>, next = true): Promise<Step> {
    // A kick from here on finds this look at the outbox (or asks for one more after it).
    if (next) this.rerun.delete(itemId);
    const { db, clock } = this.options;
    const doc = this.doc(itemId);
    const now = clock.now();
    const { batch, rows } = await this.inTransaction(async () => {
      await outcome(now);
      const batch = next && !this.stopped ? await this.nextBatch(doc, now) : null;
      return { batch, rows: await readSyncRows(db, doc) };
    });
    if (batch && batch.nextAttemptAt > now) {
      this.schedule(itemId, batch.nextAttemptAt);
      return { batch: null, rows };
    }
    return { batch, rows };
  }

  /** The oldest batch of the item unless it is stopped, frozen when it may be sent now. */
  private async nextBatch(doc: DocumentRef, now: number): Promise<OutboxRow | null> {
    const [head] = await batchesOf(this.options.db, doc);
    if (!head || isBlocking(head.failure)) return null;
    if (head.ops || head.nextAttemptAt > now) return head;
    return freeze(this.options.db, doc, head, now);
  }

  /** Records why the batch failed; the next step goes on at once only after a 412. */
  private async failed(batch: OutboxRow, error: unknown): Promise<Step> {
    const { db, clock } = this.options;
    const { itemId } = batch;
    const now = clock.now();
    const message = error instanceof Error ? error.message : String(error);
    const conflicts = error instanceof ApiRequestError ? error.recordConflicts : undefined;
    if (conflicts) {
      this.options.reached(true);
      return this.step(itemId, () => setAside(db, this.doc(itemId), batch, conflicts, now, settleConflict));
    }
    const failure = classifyFailure(error);
    const attempts = batch.attempts + 1;
    const retrying = failure === 'network' || failure === 'server';
    const nextAttemptAt = retrying ? now + backoffDelay(attempts, this.options.backoff, this.options.random) : batch.nextAttemptAt;
    const step = await this.step(
      itemId,
      async () => {
        await db.outbox.update(batch.opId, { attempts, nextAttemptAt, lastError: message, failure });
      },
      false,
    );
    this.options.reached(!(error instanceof NetworkError));
    if (failure === 'unauthorized') this.options.unauthorized();
    if (retrying) this.schedule(itemId, nextAttemptAt);
    return step;
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

/** Where a drain stands: the batch to send now (frozen), if any, and the item's sync state's rows. */
interface Step {
  readonly batch: OutboxRow | null;
  readonly rows: SyncRows;
}
