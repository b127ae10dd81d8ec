import { describe, expect, it } from 'vitest';
import type { ItemSummary } from '../../core/api';
import type { ItemList } from '../../store/catalogSlice';
import { kindBeforeDetail, listedKind } from './viewerPreload';

const summary = (id: string, kind: ItemSummary['kind']): ItemSummary => ({
  id,
  title: id,
  kind,
  state: 'assigned',
  progress: { labelled: 0, total: 1 },
  updatedAt: '2026-11-30T00:00:00.000Z',
});
const list = (...items: ItemSummary[]): ItemList => ({ items, nextCursor: null, loading: false, fromCache: false, error: null });

describe('listedKind', () => {
  it('finds the kind of an item in any loaded dataset list, null when none holds it', () => {
    const lists = { ct: list(summary('a', 'series')), path: list(summary('b', 'slide'), summary('c', 'slide')) };
    expect(listedKind(lists, 'a')).toBe('series');
    expect(listedKind(lists, 'c')).toBe('slide');
    expect(listedKind(lists, 'z')).toBeNull();
  });
});

describe('kindBeforeDetail', () => {
  it('loads the viewer a loaded list shows', () => {
    expect(kindBeforeDetail('series', null)).toBe('series');
    expect(kindBeforeDetail('frameSet', 'series')).toBe('frameSet');
  });

  it("loads the viewer of this device's copy when no list shows the item: no slide guess for a series seen before", () => {
    expect(kindBeforeDetail(null, 'series')).toBe('series');
  });

  it('guesses a slide when neither knows the item', () => {
    expect(kindBeforeDetail(null, null)).toBe('slide');
  });
});
