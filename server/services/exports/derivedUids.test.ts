import { describe, expect, it } from 'vitest';
import { nameBasedUid, nameBasedUids } from './derivedUids';

/** The UUID a 2.25 UID spells, as 32 hex digits. */
const uuidOf = (uid: string) => BigInt(uid.slice('2.25.'.length)).toString(16).padStart(32, '0');

describe('name-based UIDs', () => {
  it('gives one name one UID, a version-5 UUID under 2.25 within 64 characters, and other names other UIDs', () => {
    const uid = nameBasedUid('item-1/alice/sah-outline');
    expect(nameBasedUid('item-1/alice/sah-outline')).toBe(uid);
    expect(nameBasedUid('item-1/bob/sah-outline')).not.toBe(uid);
    expect(uid).toMatch(/^2\.25\.(0|[1-9]\d*)$/);
    expect(uid.length).toBeLessThanOrEqual(64);
    const hex = uuidOf(uid);
    expect(hex[12]).toBe('5');
    expect(['8', '9', 'a', 'b']).toContain(hex[16]);
  });

  it('numbers the UIDs a writer asks for, the same sequence again for the same name', () => {
    const first = nameBasedUids('seg of item-1');
    const again = nameBasedUids('seg of item-1');
    const uids = [first(), first(), first()];
    expect(new Set(uids).size).toBe(3);
    expect([again(), again(), again()]).toEqual(uids);
    expect(nameBasedUids('seg of item-2')()).not.toBe(uids[0]);
  });
});
