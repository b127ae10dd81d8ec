import { useState } from 'react';
import { appStore, type OpenItem } from '../../store';

/** What the conflict dialog and the sync badge of a reading page do in the open item's sync state. */
export interface ConflictPromptState {
  /** The conflict waiting for the reader (its `conflictAt`); null when none is. */
  readonly conflictAt: number | null;
  /** The dialog is up: a conflict waits and the reader did not put this one off. */
  readonly showConflict: boolean;
  /** What a click on the badge does: reopen the put-off conflict, resend what waits on a backoff or was refused, or nothing. */
  readonly badge: 'reopenConflict' | 'retry' | null;
}

/** `postponedAt`: the `conflictAt` of the conflict the reader answered "later" to. */
export function conflictPromptState(open: Pick<OpenItem, 'sync' | 'conflicts'>, postponedAt: number | null): ConflictPromptState {
  const conflictAt = open.sync?.status === 'conflict' && open.conflicts.length > 0 ? open.sync.conflictAt : null;
  const status = open.sync?.status;
  return {
    conflictAt,
    showConflict: conflictAt !== null && postponedAt !== conflictAt,
    badge: conflictAt !== null ? 'reopenConflict' : status === 'offline' || status === 'error' ? 'retry' : null,
  };
}

/** The conflict dialog's state on a reading page, with what "later" and the sync badge do. */
export function useConflictPrompt(open: OpenItem): { readonly showConflict: boolean; readonly postpone: () => void; readonly onBadge: (() => void) | undefined } {
  const [postponedAt, setPostponedAt] = useState<number | null>(null);
  const { conflictAt, showConflict, badge } = conflictPromptState(open, postponedAt);
  const onBadge = badge === 'reopenConflict'
    ? () => setPostponedAt(null)
    : badge === 'retry'
      ? () => void appStore().getState().engine?.retryNow()
      : undefined;
  return { showConflict, postpone: () => setPostponedAt(conflictAt), onBadge };
}
