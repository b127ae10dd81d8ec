import { describe, expect, it } from 'vitest';
import type { SliceRef } from '../../core/item';
import { FileHeadStart, firstShownSlice } from './fileHeadStart';

function recordingLoader() {
  const asked: string[] = [];
  const load = (itemId: string, fileId: string) => {
    asked.push(`${itemId}/${fileId}`);
    return Promise.resolve(new TextEncoder().encode(`${itemId}/${fileId}`).buffer as ArrayBuffer);
  };
  return { asked, load };
}

const text = async (bytes: Promise<ArrayBuffer> | null) => (bytes ? new TextDecoder().decode(await bytes) : null);

describe('FileHeadStart', () => {
  it('hands the started request over once, then leaves later loads to the caller', async () => {
    const { asked, load } = recordingLoader();
    const headStart = new FileHeadStart(load);
    headStart.start('item', 'f1');
    headStart.start('item', 'f1');
    expect(asked).toEqual(['item/f1']);
    expect(await text(headStart.take('item', 'f1'))).toBe('item/f1');
    expect(headStart.take('item', 'f1')).toBeNull();
  });

  it('shares the started request with the slice decoded ahead and still hands it to the viewer once', async () => {
    const { asked, load } = recordingLoader();
    const headStart = new FileHeadStart(load);
    headStart.start('item', 'f1');
    expect(await text(headStart.share('item', 'f1'))).toBe('item/f1');
    expect(headStart.share('item', 'f2')).toBeNull();
    headStart.start('item', 'f1');
    expect(await text(headStart.take('item', 'f1'))).toBe('item/f1');
    expect(headStart.share('item', 'f1')).toBeNull();
    expect(asked).toEqual(['item/f1']);
  });

  it('drops a shared request that failed, so the viewer\'s retry asks anew', async () => {
    const headStart = new FileHeadStart(() => Promise.reject(new Error('offline')));
    headStart.start('item', 'f1');
    await expect(headStart.share('item', 'f1')).rejects.toThrow('offline');
    expect(headStart.take('item', 'f1')).toBeNull();
  });

  it('gives nothing for another file or item, and a new head start replaces the old', async () => {
    const { asked, load } = recordingLoader();
    const headStart = new FileHeadStart(load);
    headStart.start('a', 'f1');
    expect(headStart.take('a', 'f2')).toBeNull();
    expect(headStart.take('b', 'f1')).toBeNull();
    headStart.start('b', 'f1');
    expect(headStart.take('a', 'f1')).toBeNull();
    expect(await text(headStart.take('b', 'f1'))).toBe('b/f1');
    expect(asked).toEqual(['a/f1', 'b/f1']);
  });

  it('passes a failed request on to the taker without an unhandled rejection before', async () => {
    const headStart = new FileHeadStart(() => Promise.reject(new Error('offline')));
    headStart.start('item', 'f1');
    await Promise.resolve();
    await expect(headStart.take('item', 'f1')).rejects.toThrow('offline');
  });
});

describe('firstShownSlice', () => {
  const slices = ['s0', 's1', 's2'].map((id): SliceRef => ({ targetId: id, fileId: `file-${id}`, sopInstanceUid: id, instanceNumber: null, position: null }));

  it('opens where the reader left off, clamped to the series, else on the first slice', () => {
    expect(firstShownSlice(slices, undefined)?.fileId).toBe('file-s0');
    expect(firstShownSlice(slices, 1)?.fileId).toBe('file-s1');
    expect(firstShownSlice(slices, 9)?.fileId).toBe('file-s2');
    expect(firstShownSlice([], undefined)).toBeUndefined();
  });
});
