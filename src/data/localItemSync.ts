/**
 * What a list shows per item about this device's copy: the sync status of its records and their
 * progress (labelled / total), which leads the server's figure while changes wait.
 * Pure: the caller reads the rows of all listed items and hands them in.
 */
import type { ItemSummary, Progress } from '../core/api';
import type { SyncRows } from './sync/syncRows';
import { computeSyncState, type SyncStatus } from './syncState';

export interface LocalItemSync {
  /** Never 'syncing': whether a request is in flight is not kept in IndexedDB. */
  readonly status: SyncStatus;
  /** Records changed here and not yet acknowledged by the server. */
  readonly pending: number;
  /** This device holds changes the server has not acknowledged (or that wait for the user). */
  readonly unsynced: boolean;
  /** Progress of the local records as last counted by the editor; null when unknown. */
  readonly progress: Progress | null;
}

/**
 * Per listed item opened on this device: a conflicting record → 'conflict'; a refused batch →
 * 'error'; waiting records → 'savedLocally', or 'offline' when the browser or the engine (a
 * network failure on the batch) knows it is offline; nothing waiting → 'synced'.
 * Items never opened here get no entry.
 */
export function deriveLocalItemSync(
  rows: ReadonlyMap<string, SyncRows>,
  context: { readonly offline: boolean; readonly now: number },
): Record<string, LocalItemSync> {
  const out: Record<string, LocalItemSync> = {};
  for (const [itemId, { head, batches, counts }] of rows) {
    if (!head) continue;
    const { status, pending } = computeSyncState(head.revision, batches, counts, { sending: false, networkDown: context.offline, now: context.now });
    out[itemId] = { status, pending, unsynced: counts.dirty + counts.conflicts > 0, progress: head.progress };
  }
  return out;
}

/**
 * The list row as this device knows it: the local progress where it leads the server's figure
 * (unsynced changes), or everywhere when the list itself is an offline copy (`preferLocal`).
 */
export function withLocalProgress(item: ItemSummary, local: LocalItemSync | undefined, preferLocal: boolean): ItemSummary {
  if (!local?.progress || !(local.unsynced || preferLocal)) return item;
  // The server moves an item to "in progress" at its first write; show that before the sync.
  const state = item.state === 'assigned' && local.progress.labelled > 0 ? 'inProgress' : item.state;
  return { ...item, progress: local.progress, state };
}
