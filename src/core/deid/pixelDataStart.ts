/**
 * Where a Part 10 file's top-level Pixel Data (7FE0,0010) starts, found by walking element
 * headers only (tag, VR, length), never values, so a file of hundreds of megabytes is
 * de-identified from its header while its pixels stay on disk (workers/deid/streamedDeid.ts).
 * Nested items are walked too (an icon image sequence holds a Pixel Data of its own), and a UN
 * of undefined length is walked as Implicit VR Little Endian, as PS3.5 6.2.2 says it is encoded.
 *
 * Byte offsets are from the first byte of the file (the preamble's).
 */

import {
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  ITEM_DELIMITER_TAG,
  ITEM_TAG,
  LONG_VRS,
  META_START,
  PIXEL_DATA_TAG,
  PREAMBLE_LENGTH,
  SEQUENCE_DELIMITER_TAG,
  TRANSFER_SYNTAX_UID_TAG,
  UNDEFINED_LENGTH,
  tagAt,
} from '../dicomEncoding';

/** Little endian, not deflated: the native syntaxes and the encapsulated ones (JPEG family 1.2.840.10008.1.2.4.x, RLE). */
export const walkableSyntax = (syntax: string): boolean =>
  syntax === IMPLICIT_VR_LITTLE_ENDIAN || syntax === EXPLICIT_VR_LITTLE_ENDIAN || (syntax.startsWith('1.2.840.10008.1.2.4.') || syntax.startsWith('1.2.840.10008.1.2.5'));

/** A top-level element of the data set as its bytes lie: `start` its tag's first byte, `end` past its value. */
export interface ElementSpan {
  /** As on the wire; null in Implicit VR. */
  readonly vr: string | null;
  readonly start: number;
  readonly end: number;
}

export type PixelDataStart =
  /**
   * `offset`: its tag's first byte; `valueOffset`: its value's; `length`: null when undefined
   * (encapsulated frames follow as items); `elements`: the data set's elements before it, by
   * dcmjs's tag key (8 upper-case hex digits), so a writer can pass unchanged ones on as they are.
   */
  | {
      readonly kind: 'found';
      readonly transferSyntax: string;
      readonly offset: number;
      readonly valueOffset: number;
      readonly length: number | null;
      readonly elements: ReadonlyMap<string, ElementSpan>;
    }
  /** The whole file was walked and holds no top-level Pixel Data. */
  | { readonly kind: 'none' }
  /** The head given ends before Pixel Data: give more of the file. */
  | { readonly kind: 'needMore' }
  /** Not walked here (deflated or big endian data set, no meta group length, not Part 10): read the file whole. */
  | { readonly kind: 'notWalked'; readonly reason: string };

class NeedMore extends Error {}

/** dcmjs's key for a tag: 8 upper-case hex digits. */
const tagKey = (tag: number): string => tag.toString(16).toUpperCase().padStart(8, '0');

interface Header {
  readonly tag: number;
  readonly vr: string | null;
  readonly length: number;
  readonly valueOffset: number;
}

/**
 * The Pixel Data start in `head`, the file's first bytes; `whole` when head is the whole file
 * (so running out of bytes means there is none).
 */
export function pixelDataStart(head: Uint8Array, whole: boolean): PixelDataStart {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const ascii = (at: number, length: number) => String.fromCharCode(...head.subarray(at, at + length));
  const need = (end: number) => {
    if (end > head.byteLength) throw new NeedMore();
  };
  const headerAt = (at: number, implicit: boolean): Header => {
    need(at + 8);
    const tag = tagAt(view, at);
    if (implicit || tag >>> 16 === 0xfffe) return { tag, vr: null, length: view.getUint32(at + 4, true), valueOffset: at + 8 };
    // Two bytes read as they are: this runs once per element, and a spread of a subarray here was a hot spot of the check pass.
    const vr = String.fromCharCode(head[at + 4]!, head[at + 5]!);
    if (!LONG_VRS.has(vr)) return { tag, vr, length: view.getUint16(at + 6, true), valueOffset: at + 8 };
    need(at + 12);
    return { tag, vr, length: view.getUint32(at + 8, true), valueOffset: at + 12 };
  };
  /** Past the items of an undefined-length value starting at `at`, up to its sequence delimiter. */
  const skipItems = (at: number, implicit: boolean): number => {
    let pos = at;
    for (;;) {
      const item = headerAt(pos, true);
      if (item.tag === SEQUENCE_DELIMITER_TAG) return item.valueOffset;
      if (item.tag !== ITEM_TAG) throw new Error(`expected an item at byte ${pos}`);
      pos = item.length === UNDEFINED_LENGTH ? skipElements(item.valueOffset, implicit, ITEM_DELIMITER_TAG) : item.valueOffset + item.length;
    }
  };
  /** Past elements from `at` up to and including `until` (an item delimiter), or at the end of `head` for the top level. */
  const skipElements = (at: number, implicit: boolean, until: number): number => {
    let pos = at;
    for (;;) {
      const element = headerAt(pos, implicit);
      if (element.tag === until) return element.valueOffset;
      pos = element.length === UNDEFINED_LENGTH ? skipItems(element.valueOffset, implicit || element.vr === 'UN') : element.valueOffset + element.length;
    }
  };

  try {
    need(META_START);
    if (ascii(PREAMBLE_LENGTH, 4) !== 'DICM') return { kind: 'notWalked', reason: 'not a Part 10 file' };
    const groupLength = headerAt(META_START, false);
    if (groupLength.tag !== 0x00020000 || groupLength.vr !== 'UL') return { kind: 'notWalked', reason: 'no file meta group length' };
    need(groupLength.valueOffset + 4);
    const dataSetStart = groupLength.valueOffset + 4 + view.getUint32(groupLength.valueOffset, true);
    let transferSyntax = '';
    for (let pos = groupLength.valueOffset + 4; pos < dataSetStart; ) {
      const element = headerAt(pos, false);
      if (element.tag === TRANSFER_SYNTAX_UID_TAG) {
        need(element.valueOffset + element.length);
        transferSyntax = ascii(element.valueOffset, element.length).replace(/[\0 ]+$/, '');
      }
      pos = element.valueOffset + element.length;
    }
    if (!walkableSyntax(transferSyntax)) return { kind: 'notWalked', reason: `transfer syntax ${transferSyntax || '(none)'}` };
    const implicit = transferSyntax === IMPLICIT_VR_LITTLE_ENDIAN;
    const elements = new Map<string, ElementSpan>();
    for (let pos = dataSetStart; ; ) {
      if (whole && pos >= head.byteLength) return { kind: 'none' };
      const element = headerAt(pos, implicit);
      if (element.tag === PIXEL_DATA_TAG) {
        return { kind: 'found', transferSyntax, offset: pos, valueOffset: element.valueOffset, length: element.length === UNDEFINED_LENGTH ? null : element.length, elements };
      }
      const end = element.length === UNDEFINED_LENGTH ? skipItems(element.valueOffset, implicit || element.vr === 'UN') : element.valueOffset + element.length;
      elements.set(tagKey(element.tag), { vr: element.vr, start: pos, end });
      pos = end;
    }
  } catch (error) {
    if (error instanceof NeedMore) return whole ? { kind: 'notWalked', reason: 'the file ends inside an element' } : { kind: 'needMore' };
    return { kind: 'notWalked', reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Where an encapsulated Pixel Data value ends: past its sequence delimiter, walking its items
 * (the offset table, then the fragments) by their 8-byte headers, read through `readAt` (the
 * frames themselves are never read).
 */
export async function encapsulatedEnd(valueOffset: number, readAt: (offset: number, length: number) => Promise<Uint8Array>): Promise<number> {
  for (let pos = valueOffset; ; ) {
    const bytes = await readAt(pos, 8);
    if (bytes.byteLength < 8) throw new Error('the file ends inside its pixel data');
    const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
    const tag = tagAt(view, 0);
    const length = view.getUint32(4, true);
    if (tag === SEQUENCE_DELIMITER_TAG) return pos + 8;
    if (tag !== ITEM_TAG || length === UNDEFINED_LENGTH) throw new Error(`its pixel data holds no fragment item at byte ${pos}`);
    pos += 8 + length;
  }
}
