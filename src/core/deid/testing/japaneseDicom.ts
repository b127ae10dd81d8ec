/**
 * A PHI series slice as a Japanese hospital writes it: Specific Character Set `\ISO 2022 IR 87`,
 * the patient's name in its three forms (Yamada^Tarou=山田^太郎=やまだ^たろう, PS3.5 H.3.1) and a
 * series description in kanji, each kanji run switched in by ESC $ B and out by ESC ( B. Every byte
 * of that is 7-bit, so dcmjs writes the text given here as characters byte for byte.
 */
import { phiCtSlice } from './phiDicom';

const ESC = '\u001b';
/** JIS X 0208 bytes (as characters) between the escapes that switch to it and back to ASCII. */
const jis = (bytes: string): string => `${ESC}$B${bytes}${ESC}(B`;

/** What the JIS X 0208 runs above read as. */
export const JAPANESE_NAME = { alphabetic: 'Yamada^Tarou', ideographic: '山田^太郎', phonetic: 'やまだ^たろう' } as const;
export const JAPANESE_SERIES_DESCRIPTION = '頭部 CT';

/** The name's kanji and kana as these files hold them (ISO 2022 IR 87 bytes, as Latin-1 text), for PHI searches. */
export const JAPANESE_PHI_BYTES: Readonly<Record<string, string>> = {
  '山田 (ISO 2022 IR 87)': jis(';3ED'),
  '太郎 (ISO 2022 IR 87)': jis('B@O:'),
  'やまだ (ISO 2022 IR 87)': jis('$d$^$@'),
};

export function japaneseCtSlice(index: number): Uint8Array<ArrayBuffer> {
  return phiCtSlice(index, (dataSet) => {
    dataSet['00080005'] = { vr: 'CS', Value: ['', 'ISO 2022 IR 87'] };
    dataSet['00100010'] = { vr: 'PN', Value: [{ Alphabetic: JAPANESE_NAME.alphabetic, Ideographic: `${jis(';3ED')}^${jis('B@O:')}`, Phonetic: `${jis('$d$^$@')}^${jis('$?$m$&')}` }] };
    dataSet['0008103E'] = { vr: 'LO', Value: [`${jis('F,It')} CT`] };
  });
}
