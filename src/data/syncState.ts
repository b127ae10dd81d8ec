/** Per-item sync status shown to the user, derived from the outbox, the record counts and the engine. */
import { ApiRequestError, NetworkError } from './api';
import { isBlocking, type OutboxFailure, type OutboxRow } from './db';

export type SyncStatus = 'savedLocally' | 'syncing' | 'synced' | 'offline' | 'conflict' | 'error';

/** How many records of an item wait, as counted through the state index. */
export interface RecordCounts {
  /** Changed here, not yet acknowledged by the server (in flight included). */
  readonly dirty: number;
  /** Changed on both sides, waiting for the user. */
  readonly conflicts: number;
  /** Latest time a conflict was found (epoch ms), 0 when none: a new conflict reopens the dialog. */
  readonly conflictAt: number;
}

export const NO_COUNTS: RecordCounts = { dirty: 0, conflicts: 0, conflictAt: 0 };

export interface ItemSyncState {
  readonly status: SyncStatus;
  /** Records changed here and not yet acknowledged by the server. */
  readonly pending: number;
  /** Records changed on both sides, each waiting for the user's choice. */
  readonly conflicts: number;
  readonly conflictAt: number;
  /** Server revision whose changes this device has taken in. */
  readonly revision: number;
  readonly lastError?: string;
  readonly failure?: OutboxFailure;
  /** Epoch ms of the next automatic retry, when one is scheduled. */
  readonly nextAttemptAt?: number;
  /** Synced, but the server did not answer the last request: nothing can be submitted now. */
  readonly unreachable?: true;
}

/** Status of one item: conflicts and blocking errors first, then what the outbox is doing. */
export function computeSyncState(
  revision: number,
  batches: readonly OutboxRow[],
  counts: RecordCounts,
  engine: { readonly sending: boolean; readonly networkDown: boolean; readonly now: number },
): ItemSyncState {
  const base = { pending: counts.dirty, conflicts: counts.conflicts, conflictAt: counts.conflictAt, revision };
  const head = batches[0];
  const failure = head?.failure;
  const details = {
    ...(head?.lastError ? { lastError: head.lastError } : {}),
    ...(failure ? { failure } : {}),
    ...(head && head.nextAttemptAt > engine.now ? { nextAttemptAt: head.nextAttemptAt } : {}),
  };
  if (counts.conflicts > 0) return { ...base, ...details, status: 'conflict' };
  if (isBlocking(failure)) return { ...base, ...details, status: 'error' };
  if (engine.sending) return { ...base, status: 'syncing' };
  if (!head && counts.dirty === 0) return { ...base, status: 'synced', ...(engine.networkDown ? { unreachable: true } : {}) };
  if (engine.networkDown || failure === 'network') return { ...base, ...details, status: 'offline' };
  if (failure === 'server') return { ...base, ...details, status: 'error' };
  return { ...base, ...details, status: 'savedLocally' };
}

/** What a failed send means for its batch. */
export function classifyFailure(error: unknown): OutboxFailure {
  if (error instanceof NetworkError) return 'network';
  if (!(error instanceof ApiRequestError)) return 'rejected';
  if (error.status >= 500 || error.status === 429 || error.status === 408) return 'server';
  if (error.status === 401) return 'unauthorized';
  if (error.status === 409) return 'locked';
  return 'rejected';
}

export function sameSyncState(a: ItemSyncState, b: ItemSyncState): boolean {
  return (
    a.status === b.status &&
    a.pending === b.pending &&
    a.conflicts === b.conflicts &&
    a.conflictAt === b.conflictAt &&
    a.revision === b.revision &&
    a.lastError === b.lastError &&
    a.nextAttemptAt === b.nextAttemptAt &&
    a.unreachable === b.unreachable
  );
}
