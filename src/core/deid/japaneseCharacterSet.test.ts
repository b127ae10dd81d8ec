import { describe, expect, it } from 'vitest';
import { readPart10 } from './deidentify';
import { readableCharacterSet } from './japaneseCharacterSet';
import { phiCtSlice } from './testing/phiDicom';
import { JAPANESE_NAME, japaneseCtSlice } from './testing/japaneseDicom';

const latin1 = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);

describe('readableCharacterSet', () => {
  it('gives dcmjs `\\ISO 2022 IR 87` as the one value it decodes with ISO-2022-JP, same length, nothing else changed', () => {
    const file = japaneseCtSlice(0);
    const readable = readableCharacterSet(file);
    expect(readable).not.toBe(file);
    expect(readable.byteLength).toBe(file.byteLength);
    // The value's 16 bytes (15 and a pad) where the file has them.
    const at = latin1(file).indexOf('\\ISO 2022 IR 87');
    expect(latin1(file.subarray(at, at + 16))).toBe('\\ISO 2022 IR 87 ');
    expect(latin1(readable.subarray(at, at + 16))).toBe('ISO 2022 IR 87  ');
    expect([...readable].filter((byte, i) => byte !== file[i]).length).toBeLessThanOrEqual(16);
    const { alphabetic, ideographic, phonetic } = JAPANESE_NAME;
    expect(readPart10(file).dict['00100010']?.Value).toEqual([{ Alphabetic: alphabetic, Ideographic: ideographic, Phonetic: phonetic }]);
  });

  it('leaves a file in one character set, or in a combination ISO-2022-JP does not read, as it is', () => {
    const utf8 = phiCtSlice(0);
    expect(readableCharacterSet(utf8)).toBe(utf8);
    const katakana = phiCtSlice(0, (dataSet) => (dataSet['00080005'] = { vr: 'CS', Value: ['ISO 2022 IR 13', 'ISO 2022 IR 87'] }));
    expect(readableCharacterSet(katakana)).toBe(katakana);
    expect(() => readPart10(katakana)).toThrow(/multiple character sets/);
    const notPart10 = new Uint8Array(200);
    expect(readableCharacterSet(notPart10)).toBe(notPart10);
  });
});
