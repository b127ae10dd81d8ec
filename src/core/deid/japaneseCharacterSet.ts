/**
 * Japanese hospitals' files mostly declare Specific Character Set `\ISO 2022 IR 87`: ASCII, with
 * JIS X 0208 kanji and kana switched in and out by ISO 2022 escape sequences. dcmjs refuses every
 * Specific Character Set of more than one value, though the ISO-2022-JP decoder it has for
 * `ISO 2022 IR 87` reads exactly these bytes. So where a data set opens with such a Specific
 * Character Set, dcmjs is given the bytes with the single value `ISO 2022 IR 87` in its place (the
 * same length, padded with spaces); it then holds every text as Unicode and writes it as UTF-8 under
 * ISO_IR 192, as it does for any file. Other combinations (half-width katakana of IR 13, JIS X 0212
 * of IR 159, other scripts) are left as they are, and dcmjs's refusal names them.
 */
import { tagAt } from '../dicomEncoding';

const SPECIFIC_CHARACTER_SET = 0x00080005;
const GROUP_LENGTH_0008 = 0x00080000;
const READ_AS_ONE = new Set(['', 'ISO 2022 IR 6', 'ISO 2022 IR 87']);
const SINGLE = 'ISO 2022 IR 87';

/** `bytes` (a Part 10 file, or its head) as dcmjs can read it: a copy with its character set made one value, or `bytes` itself. */
export function readableCharacterSet(bytes: Uint8Array): Uint8Array {
  const element = characterSetElement(bytes);
  if (!element) return bytes;
  const values = latin1(bytes.subarray(element.value, element.value + element.length)).split('\\').map((value) => value.trim());
  if (values.length < 2 || !values.includes(SINGLE) || !values.every((value) => READ_AS_ONE.has(value))) return bytes;
  const copy = bytes.slice();
  for (let i = 0; i < element.length; i++) copy[element.value + i] = i < SINGLE.length ? SINGLE.charCodeAt(i) : 0x20;
  return copy;
}

/** Where the data set's Specific Character Set value lies, when it is the data set's first element (after its group length). */
function characterSetElement(bytes: Uint8Array): { readonly value: number; readonly length: number } | null {
  if (bytes.byteLength < 144 || latin1(bytes.subarray(128, 132)) !== 'DICM') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // (0002,0000) UL, explicit VR: its value at 140 is the meta group's length after it.
  if (tagAt(view, 132) !== 0x00020000) return null;
  let at = 144 + view.getUint32(140, true);
  for (let step = 0; step < 2 && at + 8 <= bytes.byteLength; step++) {
    const explicit = /^[A-Z]{2}$/.test(latin1(bytes.subarray(at + 4, at + 6)));
    const length = explicit ? view.getUint16(at + 6, true) : view.getUint32(at + 4, true);
    const tag = tagAt(view, at);
    if (tag === SPECIFIC_CHARACTER_SET) return at + 8 + length <= bytes.byteLength ? { value: at + 8, length } : null;
    if (tag !== GROUP_LENGTH_0008) return null;
    at += 8 + length;
  }
  return null;
}

// A decoder, not a spread of the bytes: a broken file's length may name megabytes (a spread of them throws RangeError, not dcmjs's clear refusal).
const LATIN1 = new TextDecoder('latin1');
const latin1 = (bytes: Uint8Array): string => LATIN1.decode(bytes);
