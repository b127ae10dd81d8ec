/**
 * The project key's hashes: byte for byte WebCrypto's HMAC-SHA-256 (what they were computed with
 * before, so every UID and day shift already given stays), purposes and keys kept apart, and a key
 * that gives nothing of itself away.
 */
import { describe, expect, it } from 'vitest';
import { DEID_KEY_BYTES, importDeidKey, keyedDayShift, keyedUid } from './keyedHash';

const raw = (fill: number) => new Uint8Array(DEID_KEY_BYTES).fill(fill);
const STUDY = '1.2.840.113619.2.55.3.604688119.969.1268071029.320';

async function webCryptoDigest(key: Uint8Array<ArrayBuffer>, message: string): Promise<Uint8Array> {
  const imported = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', imported, new TextEncoder().encode(message)));
}

/** The texts: UIDs, names with non-ASCII letters, and lengths around SHA-256's 64-byte block. */
function texts(): string[] {
  const list = ['', STUDY, '1.2.3', 'Yamada^Tarō', '山田^太郎', 'Müller^Zoë', '👩‍⚕️ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'a\u0000b'];
  for (let length = 40; length <= 140; length += 1) list.push('9'.repeat(length));
  for (let index = 0; index < 100; index += 1) list.push(`1.2.826.0.1.3680043.8.498.${index * 7919}.${index % 13}`);
  return list;
}

describe('keyed hashes', () => {
  it('equal WebCrypto HMAC-SHA-256 for many texts, ASCII or not, and several keys', async () => {
    const keys = [raw(0), raw(7), Uint8Array.from({ length: DEID_KEY_BYTES }, (_, index) => (index * 37 + 11) % 256)];
    for (const keyBytes of keys) {
      const key = importDeidKey(keyBytes);
      for (const text of texts()) {
        const digest = await webCryptoDigest(keyBytes, `uid\u0000${text}`);
        let value = 0n;
        for (const byte of digest.subarray(0, 16)) value = (value << 8n) | BigInt(byte);
        expect(keyedUid(key, text)).toBe(`2.25.${value}`);
        const days = await webCryptoDigest(keyBytes, `days\u0000${text}`);
        expect(keyedDayShift(key, text)).toBe(-((new DataView(days.buffer).getUint32(0) % 3652) + 1));
      }
    }
  });

  it('gives the UID and day shift the WebCrypto version gave (pinned)', () => {
    const key = importDeidKey(raw(7));
    expect(keyedUid(key, STUDY)).toBe('2.25.185439950679819014258513655675680862652');
    expect(keyedDayShift(key, 'Yamada^Tarō')).toBe(-2912);
  });

  it('answers the same however often it is asked, and for a key imported again', () => {
    const key = importDeidKey(raw(7));
    const first = keyedUid(key, STUDY);
    expect([keyedUid(key, STUDY), keyedUid(importDeidKey(raw(7)), STUDY)]).toEqual([first, first]);
    expect(first).toMatch(/^2\.25\.\d+$/);
  });

  it('keeps keys and purposes apart: another key, or the same text as a patient, is another digest', () => {
    const key = importDeidKey(raw(7));
    const other = importDeidKey(raw(8));
    expect(keyedUid(other, STUDY)).not.toBe(keyedUid(key, STUDY));
    expect(keyedDayShift(other, STUDY)).not.toBe(keyedDayShift(key, STUDY));
  });

  it('refuses a key of the wrong length', () => {
    expect(() => importDeidKey(new Uint8Array(16))).toThrow(/32 bytes, got 16/);
  });

  it('gives nothing of the key away: not to JSON, a structured clone or an inspection', async () => {
    const keyBytes = raw(0xab);
    const key = importDeidKey(keyBytes);
    expect(JSON.stringify(key)).toBe('{}');
    expect(Object.keys(key)).toEqual([]);
    expect(structuredClone(key)).toEqual({});
    const { inspect } = await import('node:util');
    expect(inspect(key, { showHidden: true, depth: 5 })).not.toMatch(/ab|171|keyed/i);
  });
});
