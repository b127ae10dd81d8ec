import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../ui/testing/memoryStorage';
import type { SeriesItem, SliceRef } from '../core/item';
import { forgetShownSlices, keepShownSlice, SHOWN_SLICES_KEY, ShownSliceCopier, shownSliceOf, shownWindowOf } from './shownSliceCopy';

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

  it("keeps the reader's chosen window beside the slice, and reads an older copy without one as each slice's own", () => {
    const storage = memoryStorage();
    keepShownSlice(storage, 'u1', 'item-a', { fileId: 'f1' }, { width: 80, center: 40 });
    keepShownSlice(storage, 'u1', 'item-b', { fileId: 'f2' });
    expect(shownWindowOf(storage, 'u1', 'item-a')).toEqual({ width: 80, center: 40 });
    expect(shownWindowOf(storage, 'u1', 'item-b')).toBeNull();
    expect(shownWindowOf(storage, 'u2', 'item-a')).toBeNull();
    const older = memoryStorage({ [SHOWN_SLICES_KEY]: '[["u1","item-a","f1",null]]' });
    expect(shownSliceOf(older, 'u1', 'item-a')).toEqual({ fileId: 'f1' });
    expect(shownWindowOf(older, 'u1', 'item-a')).toBeNull();
    // A window that is not two numbers makes the entry unreadable, not a wrong window.
    const damaged = memoryStorage({ [SHOWN_SLICES_KEY]: '[["u1","item-a","f1",null,[80]]]' });
    expect(shownSliceOf(damaged, 'u1', 'item-a')).toBeNull();
    expect(shownWindowOf(damaged, 'u1', 'item-a')).toBeNull();
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


describe('the copier of the shown slice', () => {
  const slice = (fileId: string, frame?: number): SliceRef => ({ targetId: fileId, fileId, sopInstanceUid: fileId, instanceNumber: null, position: null, ...(frame ? { frame } : {}) });
  const series: SeriesItem = {
    kind: 'series',
    modality: 'CT',
    studyInstanceUid: 's',
    seriesInstanceUid: 'r',
    seriesDescription: '',
    orientation: null,
    slices: [slice('f0'), slice('f1'), slice('f2', 4)],
    rows: 1,
    columns: 1,
    pixelSpacing: null,
  };

  function copier() {
    const storage = memoryStorage();
    const writes = { count: 0 };
    const counted = { getItem: (key: string) => storage.getItem(key), setItem: (key: string, value: string) => { writes.count += 1; storage.setItem(key, value); } };
    let hide = (): void => undefined;
    const copy = new ShownSliceCopier(() => counted, (hidden) => { hide = hidden; });
    return { storage, writes, copy, hide: () => hide() };
  }

  it('writes nothing while the reader steps, and the slice last shown when the page is hidden (a reload then opens on it)', () => {
    const { storage, writes, copy, hide } = copier();
    for (const index of [0, 1, 2, 1]) copy.note('u1', 'item-a', series, index);
    expect(writes.count).toBe(0);
    hide();
    expect(writes.count).toBe(1);
    expect(shownSliceOf(storage, 'u1', 'item-a')).toEqual({ fileId: 'f1' });
    // Hidden again with no step since: nothing more to write.
    hide();
    expect(writes.count).toBe(1);
  });

  it('writes the slice when the item is left, so the next item starts from its own', () => {
    const { storage, copy } = copier();
    copy.note('u1', 'item-a', series, 2);
    copy.write();
    copy.note('u1', 'item-b', series, 0);
    copy.write();
    expect(shownSliceOf(storage, 'u1', 'item-a')).toEqual({ fileId: 'f2', frame: 4 });
    expect(shownSliceOf(storage, 'u1', 'item-b')).toEqual({ fileId: 'f0' });
  });

  it('writes the window noted with the last step (the early viewer draws the slice in it)', () => {
    const { storage, copy } = copier();
    copy.note('u1', 'item-a', series, 1, { width: 80, center: 40 });
    copy.note('u1', 'item-a', series, 1, null);
    copy.note('u1', 'item-a', series, 2, { width: 2000, center: 500 });
    copy.write();
    expect(shownSliceOf(storage, 'u1', 'item-a')).toEqual({ fileId: 'f2', frame: 4 });
    expect(shownWindowOf(storage, 'u1', 'item-a')).toEqual({ width: 2000, center: 500 });
  });

  it('notes nothing for an item not loaded yet, or a slice out of range', () => {
    const { writes, copy, hide } = copier();
    copy.note('u1', 'item-a', undefined, 0);
    copy.note('u1', 'item-a', series, 9);
    hide();
    expect(writes.count).toBe(0);
  });
});
