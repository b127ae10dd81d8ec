/** Per-item sync status shown to the user, derived from the draft, its outbox and the engine. */
import { ApiRequestError, NetworkError } from './api';
import { isBlocking, type DraftRow, type OutboxFailure, type OutboxRow } from './db';

export type SyncStatus = 'savedLocally' | 'syncing' | 'synced' | 'offline' | 'conflict' | 'error';

export interface ItemSyncState {
  readonly status: SyncStatus;
  /** Outbox entries not yet acknowledged by the server. */
  readonly pending: number;
  /** Server revision the local document is based on. */
  readonly revision: number;
  readonly lastError?: string;
  readonly failure?: OutboxFailure;
  /** Epoch ms of the next automatic retry, when one is scheduled. */
  readonly nextAttemptAt?: number;
  readonly conflict?: DraftRow['conflict'];
}

/** Status of one item: conflict and blocking errors first, then what the outbox is doing. */
export function computeSyncState(
  draft: DraftRow | undefined,
  rows: readonly OutboxRow[],
  engine: { readonly inFlight: boolean; readonly networkDown: boolean; readonly now: number },
): ItemSyncState {
  const base = { pending: rows.length, revision: draft?.baseRevision ?? 0 };
  const head = rows[0];
  const failure = head?.failure;
  const details = {
    ...(head?.lastError ? { lastError: head.lastError } : {}),
    ...(failure ? { failure } : {}),
    ...(head && head.nextAttemptAt > engine.now ? { nextAttemptAt: head.nextAttemptAt } : {}),
  };
  if (draft?.conflict) return { ...base, ...details, status: 'conflict', conflict: draft.conflict };
  if (isBlocking(failure)) return { ...base, ...details, status: 'error' };
  if (engine.inFlight) return { ...base, status: 'syncing' };
  if (!head) return { ...base, status: 'synced' };
  if (engine.networkDown || failure === 'network') return { ...base, ...details, status: 'offline' };
  if (failure === 'server') return { ...base, ...details, status: 'error' };
  return { ...base, ...details, status: 'savedLocally' };
}

/** What a failed send means for its outbox entry. */
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
    a.revision === b.revision &&
    a.lastError === b.lastError &&
    a.nextAttemptAt === b.nextAttemptAt &&
    a.conflict?.detectedAt === b.conflict?.detectedAt
  );
}
