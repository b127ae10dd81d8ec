import { describe, expect, it } from 'vitest';
import type { ItemDetail } from '../../core/api';
import { loadingItem, type OpenItem } from '../../store/openItemSlice';
import type { ItemSyncState } from '../../data/syncState';
import { submitBlocker } from './SubmitControl';

const synced: ItemSyncState = { status: 'synced', pending: 0, conflicts: 0, conflictAt: 0, revision: 4 };

function openWith(sync: ItemSyncState): OpenItem {
  const detail = { state: 'inProgress' } as unknown as ItemDetail; // only the state is read
  return { ...loadingItem('item-1'), status: 'ready', detail, sync };
}

describe('submitBlocker', () => {
  it('offers Submit when everything is on a server that answers', () => {
    expect(submitBlocker(openWith(synced), true)).toBeNull();
  });

  it('refuses, with the reason, when the server cannot be reached even with nothing to send', () => {
    expect(submitBlocker(openWith({ ...synced, unreachable: true }), true)).toBe('submit.blocked.unreachable');
    expect(submitBlocker(openWith(synced), false)).toBe('submit.blocked.unreachable');
  });

  it('still says unsynced work comes first', () => {
    expect(submitBlocker(openWith({ ...synced, pending: 2 }), false)).toBe('submit.blocked.unsynced');
  });
});
