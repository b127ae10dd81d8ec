/**
 * The project key's hashes: each purpose and text signed once per key (a series' files share
 * their study, series and frame of reference UIDs), the remembered answer the same as a fresh one.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importDeidKey, keyedDayShift, keyedUid } from './keyedHash';

const raw = (fill: number) => new Uint8Array(32).fill(fill);
const STUDY = '1.2.840.113619.2.55.3.604688119.969.1268071029.320';

describe('keyed hashes', () => {
  afterEach(() => vi.restoreAllMocks());

  it('signs a UID once per key, and answers again as a fresh key signs it', async () => {
    const sign = vi.spyOn(crypto.subtle, 'sign');
    const key = await importDeidKey(raw(7));
    const first = await keyedUid(key, STUDY);
    const [again, concurrent] = await Promise.all([keyedUid(key, STUDY), keyedUid(key, STUDY)]);
    expect(sign).toHaveBeenCalledTimes(1);
    expect([again, concurrent]).toEqual([first, first]);
    expect(await keyedUid(await importDeidKey(raw(7)), STUDY)).toBe(first);
    expect(sign).toHaveBeenCalledTimes(2);
    expect(first).toMatch(/^2\.25\.\d+$/);
  });

  it('keeps keys and purposes apart: another key, or the same text as a patient, is another digest', async () => {
    const key = await importDeidKey(raw(7));
    const other = await importDeidKey(raw(8));
    expect(await keyedUid(other, STUDY)).not.toBe(await keyedUid(key, STUDY));
    const sign = vi.spyOn(crypto.subtle, 'sign');
    const shift = await keyedDayShift(key, STUDY);
    expect(sign).toHaveBeenCalledTimes(1);
    expect(await keyedDayShift(key, STUDY)).toBe(shift);
    expect(await keyedDayShift(other, STUDY)).not.toBe(shift);
    expect(sign).toHaveBeenCalledTimes(2);
  });
});
