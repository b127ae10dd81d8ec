import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../ui/testing/memoryStorage';
import { forgetShownSlices, keepShownSlice, SHOWN_SLICES_KEY, shownSliceOf } from './shownSliceCopy';

describe('the copy of the slice a series opens on', () => {
  it('answers the slice last kept for that reader and item, the frame only where there is one', () => {
    const storage = memoryStorage();
    keepShownSlice(storage, 'u1', 'item-a', { fileId: 'f1' });
    keepShownSlice(storage, 'u1', 'item-b', { fileId: 'f9', frame: 3 });
    keepShownSlice(storage, 'u1', 'item-a', { fileId: 'f2' });
    expect(shownSliceOf(storage, 'u1', 'item-a')).toEqual({ fileId: 'f2' });
    expect(shownSliceOf(storage, 'u1', 'item-b')).toEqual({ fileId: 'f9', frame: 3 });
    // Another reader of this device has their own place.
    expect(shownSliceOf(storage, 'u2', 'item-a')).toBeNull();
  });

  it('keeps the most recent hundred items, and one entry per item', () => {
    const storage = memoryStorage();
    for (let n = 0; n < 120; n += 1) keepShownSlice(storage, 'u1', `item-${n}`, { fileId: `f${n}` });
    keepShownSlice(storage, 'u1', 'item-119', { fileId: 'g' });
    const entries = JSON.parse(storage.getItem(SHOWN_SLICES_KEY) ?? '[]') as unknown[];
    expect(entries).toHaveLength(100);
    expect(shownSliceOf(storage, 'u1', 'item-19')).toBeNull();
    expect(shownSliceOf(storage, 'u1', 'item-20')).toEqual({ fileId: 'f20' });
    expect(shownSliceOf(storage, 'u1', 'item-119')).toEqual({ fileId: 'g' });
  });

  it('reads a damaged value or a refused storage as no copy, and a refused write loses nothing else', () => {
    expect(shownSliceOf(memoryStorage({ [SHOWN_SLICES_KEY]: '{not json' }), 'u1', 'item-a')).toBeNull();
    expect(shownSliceOf(memoryStorage({ [SHOWN_SLICES_KEY]: '[["u1","item-a",7,null]]' }), 'u1', 'item-a')).toBeNull();
    expect(shownSliceOf(null, 'u1', 'item-a')).toBeNull();
    const full = { ...memoryStorage(), setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => keepShownSlice(full, 'u1', 'item-a', { fileId: 'f1' })).not.toThrow();
  });

  it('is forgotten at sign-out', () => {
    const storage = memoryStorage();
    keepShownSlice(storage, 'u1', 'item-a', { fileId: 'f1' });
    forgetShownSlices(storage);
    expect(shownSliceOf(storage, 'u1', 'item-a')).toBeNull();
    // Kept again after, though the same slice was the last written before.
    keepShownSlice(storage, 'u1', 'item-a', { fileId: 'f1' });
    expect(shownSliceOf(storage, 'u1', 'item-a')).toEqual({ fileId: 'f1' });
  });
});

