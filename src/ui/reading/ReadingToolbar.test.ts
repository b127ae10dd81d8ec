import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { ItemDetail } from '../../core/api';
import type { ItemSyncState } from '../../data/syncState';
import { loadingItem, type OpenItem } from '../../store/openItemSlice';
import { hasAttribute, renderMarkup, tagWithTestId } from '../testing/staticMarkup';
import { ReadingToolbar, type ReadingActions } from './ReadingToolbar';

const synced: ItemSyncState = { status: 'synced', pending: 0, conflicts: 0, conflictAt: 0, revision: 3 };
const actions: ReadingActions = { undo: () => undefined, redo: () => undefined, submitItem: async () => false };

function openItem(state: string | null, changes: Partial<OpenItem> = {}): OpenItem {
  const detail = { state } as unknown as ItemDetail; // only the state is read
  return { ...loadingItem('item-1'), status: 'ready', detail, sync: synced, ...changes };
}

const render = (open: OpenItem) =>
  renderMarkup(createElement(ReadingToolbar, { open, actions, unlabelled: 0, onBadge: undefined, onHelp: () => undefined, onDialog: () => undefined }));

describe('ReadingToolbar', () => {
  it('offers undo and redo when there is something to undo or redo, with their keys', () => {
    const html = render(openItem('inProgress', { canUndo: true, canRedo: true }));
    const undo = tagWithTestId(html, 'undo-button');
    const redo = tagWithTestId(html, 'redo-button');
    expect(hasAttribute(undo, 'disabled')).toBe(false);
    expect(hasAttribute(undo, 'aria-keyshortcuts', 'Control+Z')).toBe(true);
    expect(hasAttribute(redo, 'disabled')).toBe(false);
    expect(hasAttribute(redo, 'aria-keyshortcuts', 'Control+Shift+Z Control+Y')).toBe(true);
    expect(hasAttribute(tagWithTestId(html, 'help-button'), 'aria-keyshortcuts', '?')).toBe(true);
    expect(hasAttribute(tagWithTestId(html, 'submit-item'), 'disabled')).toBe(false);
    expect(html).toContain('role="toolbar"');
    expect(html).not.toContain('local-save-error');
  });

  it('disables undo and redo on an item the reader may not change, however much history there is', () => {
    const html = render(openItem('submitted', { canUndo: true, canRedo: true }));
    expect(hasAttribute(tagWithTestId(html, 'undo-button'), 'disabled')).toBe(true);
    expect(hasAttribute(tagWithTestId(html, 'redo-button'), 'disabled')).toBe(true);
    expect(hasAttribute(tagWithTestId(html, 'submit-item'), 'disabled')).toBe(true);
  });

  it('disables undo and redo when there is nothing to undo or redo', () => {
    const html = render(openItem('inProgress'));
    expect(hasAttribute(tagWithTestId(html, 'undo-button'), 'disabled')).toBe(true);
    expect(hasAttribute(tagWithTestId(html, 'redo-button'), 'disabled')).toBe(true);
  });

  it('says when the device could not keep a change', () => {
    const alert = tagWithTestId(render(openItem('inProgress', { localSaveError: 'QuotaExceededError' })), 'local-save-error');
    expect(hasAttribute(alert, 'role', 'alert')).toBe(true);
  });
});
