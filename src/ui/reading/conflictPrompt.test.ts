import { describe, expect, it } from 'vitest';
import type { RecordConflict } from '../../data/syncEngine';
import type { ItemSyncState } from '../../data/syncState';
import { conflictPromptState } from './conflictPrompt';

const conflict = {} as RecordConflict; // only the count of conflicts is read
const state = (status: ItemSyncState['status'], conflictAt = 0): ItemSyncState => ({ status, pending: 0, conflicts: 0, conflictAt, revision: 1 });

describe('conflictPromptState', () => {
  it('shows a waiting conflict; the badge then reopens it', () => {
    expect(conflictPromptState({ sync: state('conflict', 7), conflicts: [conflict] }, null)).toEqual({ conflictAt: 7, showConflict: true, badge: 'reopenConflict' });
  });

  it('keeps a conflict put off ("later") closed until a newer one arrives', () => {
    const open = { sync: state('conflict', 7), conflicts: [conflict] };
    expect(conflictPromptState(open, 7).showConflict).toBe(false);
    expect(conflictPromptState(open, 7).badge).toBe('reopenConflict');
    expect(conflictPromptState({ ...open, sync: state('conflict', 9) }, 7).showConflict).toBe(true);
  });

  it('shows nothing while the conflict list has not arrived', () => {
    expect(conflictPromptState({ sync: state('conflict', 7), conflicts: [] }, null)).toEqual({ conflictAt: null, showConflict: false, badge: null });
  });

  it('offers a resend when offline or refused, nothing otherwise', () => {
    expect(conflictPromptState({ sync: state('offline'), conflicts: [] }, null).badge).toBe('retry');
    expect(conflictPromptState({ sync: state('error'), conflicts: [] }, null).badge).toBe('retry');
    expect(conflictPromptState({ sync: state('synced'), conflicts: [] }, null).badge).toBeNull();
    expect(conflictPromptState({ sync: null, conflicts: [] }, null).badge).toBeNull();
  });
});
