import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { ItemDetail } from '../../core/api';
import { loadingItem, type OpenItem } from '../../store/openItemSlice';
import { renderMarkup } from '../testing/staticMarkup';
import { ReadOnlyNotice } from './ReadOnlyNotice';

function openItem(state: string | null): OpenItem {
  const detail = { state } as unknown as ItemDetail; // only the state is read
  return { ...loadingItem('item-1'), status: 'ready', detail };
}

describe('ReadOnlyNotice', () => {
  it('says nothing while the reader can change the item', () => {
    expect(renderMarkup(createElement(ReadOnlyNotice, { open: openItem('inProgress') }))).toBe('');
  });

  it('tells an item not assigned to the reader from one past their part', () => {
    const notAssigned = renderMarkup(createElement(ReadOnlyNotice, { open: openItem(null) }));
    const submitted = renderMarkup(createElement(ReadOnlyNotice, { open: openItem('submitted') }));
    expect(notAssigned).toContain('data-testid="item-read-only"');
    expect(submitted).toContain('data-testid="item-read-only"');
    expect(notAssigned).not.toBe(submitted);
  });
});
