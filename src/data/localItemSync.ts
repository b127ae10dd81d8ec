/**
 * What a list shows per item about this device's copy: the sync status of its draft and the
 * draft's own progress (labelled / total), which leads the server's figure while changes wait.
 * Pure: the caller reads the drafts and outbox rows of all listed items at once and hands them in.
 */
import type { ItemSummary, Progress } from '../core/api';
import { progressOf } from '../core/progress';
import type { DraftRow, OutboxRow } from './db';
import { computeSyncState, type SyncStatus } from './syncState';

export interface LocalItemSync {
  /** Never 'syncing': whether a request is in flight is not kept in IndexedDB. */
  readonly status: SyncStatus;
  /** Outbox entries not yet acknowledged by the server. */
  readonly pending: number;
  /** The draft holds changes the server has not acknowledged. */
  readonly unsynced: boolean;
  /** Progress of the draft; null when the item's targets are not cached on this device. */
  readonly progress: Progress | null;
}

export interface LocalRows {
  /** Drafts of the listed items (this annotator's). */
  readonly drafts: readonly DraftRow[];
  /** Outbox rows of the listed items (this annotator's), in any order. */
  readonly outbox: readonly OutboxRow[];
  /** Target ids (slices, frames…) per item whose detail is cached. */
  readonly targetIds: ReadonlyMap<string, readonly string[]>;
}

/**
 * Per listed item with a draft: conflict stored on the draft → 'conflict'; a refused entry →
 * 'error'; waiting entries → 'savedLocally', or 'offline' when the browser or the engine (a
 * network failure on the entry) knows it is offline; nothing waiting → 'synced'.
 * Items without a draft (never opened here) get no entry.
 */
export function deriveLocalItemSync(
  itemIds: readonly string[],
  rows: LocalRows,
  context: { readonly offline: boolean; readonly now: number },
): Record<string, LocalItemSync> {
  const drafts = new Map(rows.drafts.map((draft) => [draft.itemId, draft]));
  const outbox = new Map<string, OutboxRow[]>();
  for (const row of rows.outbox) outbox.set(row.itemId, [...(outbox.get(row.itemId) ?? []), row]);
  const out: Record<string, LocalItemSync> = {};
  for (const itemId of itemIds) {
    const draft = drafts.get(itemId);
    if (!draft) continue;
    const waiting = (outbox.get(itemId) ?? []).sort((a, b) => a.seq - b.seq);
    const { status, pending } = computeSyncState(draft, waiting, { inFlight: false, networkDown: context.offline, now: context.now });
    const targetIds = rows.targetIds.get(itemId);
    out[itemId] = {
      status,
      pending,
      unsynced: pending > 0 || draft.version > draft.syncedVersion,
      progress: targetIds ? progressOf(draft.doc, targetIds) : null,
    };
  }
  return out;
}

/**
 * The list row as this device knows it: the draft's progress where it leads the server's figure
 * (unsynced changes), or everywhere when the list itself is an offline copy (`preferLocal`).
 */
export function withLocalProgress(item: ItemSummary, local: LocalItemSync | undefined, preferLocal: boolean): ItemSummary {
  if (!local?.progress || !(local.unsynced || preferLocal)) return item;
  // The server moves an item to "in progress" at its first write; show that before the sync.
  const state = item.state === 'assigned' && local.progress.labelled > 0 ? 'inProgress' : item.state;
  return { ...item, progress: local.progress, state };
}
