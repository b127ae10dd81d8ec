import { describe, expect, it } from 'vitest';
import type { AssignmentState, ItemDetail } from '../core/api';
import { SAH_SLICE_LABEL_SET } from '../core/labelSets/builtin';
import { isEditable, loadingItem, type OpenItem } from './openItemSlice';

function openItem(state: AssignmentState | null, status: OpenItem['status'] = 'ready'): OpenItem {
  const detail: ItemDetail = {
    item: { id: 'item-1', datasetId: 'dataset-1', title: 'CT head', content: { kind: 'frameSet', source: 'images', frames: [] } },
    labelSet: SAH_SLICE_LABEL_SET,
    state,
  };
  return { ...loadingItem('item-1'), status, detail };
}

describe('isEditable', () => {
  it('lets the assigned annotator edit until the item is submitted or approved', () => {
    expect(isEditable(openItem('assigned'))).toBe(true);
    expect(isEditable(openItem('inProgress'))).toBe(true);
    expect(isEditable(openItem('returned'))).toBe(true);
    expect(isEditable(openItem('submitted'))).toBe(false);
    expect(isEditable(openItem('approved'))).toBe(false);
  });

  it('refuses an item not assigned to the caller (state null: a reviewer or admin looking)', () => {
    expect(isEditable(openItem(null))).toBe(false);
  });

  it('refuses while nothing is loaded', () => {
    expect(isEditable(null)).toBe(false);
    expect(isEditable(openItem('assigned', 'loading'))).toBe(false);
    expect(isEditable({ ...openItem('assigned'), detail: null })).toBe(false);
  });
});
