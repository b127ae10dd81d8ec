/**
 * A DICOM Part 10 file in little-endian encoding, read as its top-level elements (byte ranges,
 * nothing decoded), so that a few elements can be replaced or removed and the rest copied byte
 * for byte. Used to rewrite files the DICOM image loader would show wrongly into equivalent
 * ones it shows right (see normalisePart10.ts). Big-endian and non-Part-10 data are not read.
 */
import {
  EXPLICIT_VR_BIG_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  ITEM_DELIMITER_TAG,
  ITEM_TAG,
  LONG_VRS,
  META_START,
  PREAMBLE_LENGTH,
  SEQUENCE_DELIMITER_TAG,
  TRANSFER_SYNTAX_UID_TAG,
  UNDEFINED_LENGTH,
  tagAt,
} from '../../core/dicomEncoding';

/** FFFE,E000 and FFFE,E0DD as one little-endian 32-bit word (group first). */
const ITEM_TAG_WORDS = 0xe000fffe;
const SEQUENCE_END_WORDS = 0xe0ddfffe;

export interface Part10Element {
  /** (group << 16) | element, e.g. 0x00280030 for PixelSpacing. */
  readonly tag: number;
  /** Null in implicit VR files. */
  readonly vr: string | null;
  readonly start: number;
  readonly valueStart: number;
  /** Bytes of the value; for undefined-length elements, up to (not including) the delimiter. */
  readonly valueLength: number;
  readonly end: number;
}

export interface Part10 {
  readonly bytes: Uint8Array;
  readonly transferSyntaxUid: string;
  readonly explicitVr: boolean;
  /** Where the data set starts (after the File Meta group). */
  readonly dataSetStart: number;
  /** Top-level data set elements in file order. */
  readonly elements: readonly Part10Element[];
}

/**
 * A new value, or null to remove the element. `encapsulated`: the value is a run of items and
 * ends with the sequence delimiter (see encapsulatedValue), written with undefined length.
 */
export type ElementEdit = { readonly vr: string; readonly value: Uint8Array; readonly encapsulated?: boolean } | null;

class Reader {
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array, readonly explicitVr: boolean) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  tagAt(offset: number): number {
    this.need(offset + 4);
    return tagAt(this.view, offset);
  }

  element(offset: number, explicitVr = this.explicitVr): Part10Element {
    const tag = this.tagAt(offset);
    let vr: string | null = null;
    let length: number;
    let valueStart: number;
    if (explicitVr && tag >>> 16 !== 0xfffe) {
      this.need(offset + 8);
      vr = String.fromCharCode(this.bytes[offset + 4]!, this.bytes[offset + 5]!);
      if (!/^[A-Z]{2}$/.test(vr)) throw new Error(`No VR at byte ${offset}`);
      if (LONG_VRS.has(vr)) {
        this.need(offset + 12);
        length = this.view.getUint32(offset + 8, true);
        valueStart = offset + 12;
      } else {
        length = this.view.getUint16(offset + 6, true);
        valueStart = offset + 8;
      }
    } else {
      this.need(offset + 8);
      length = this.view.getUint32(offset + 4, true);
      valueStart = offset + 8;
    }
    if (length !== UNDEFINED_LENGTH) {
      this.need(valueStart + length);
      return { tag, vr, start: offset, valueStart, valueLength: length, end: valueStart + length };
    }
    const delimiter = this.sequenceEnd(valueStart);
    return { tag, vr, start: offset, valueStart, valueLength: delimiter - valueStart, end: delimiter + 8 };
  }

  /** Offset of the sequence delimiter closing the items (or fragments) from `offset`. */
  private sequenceEnd(offset: number): number {
    let at = offset;
    for (;;) {
      const tag = this.tagAt(at);
      this.need(at + 8);
      const length = this.view.getUint32(at + 4, true);
      if (tag === SEQUENCE_DELIMITER_TAG) return at;
      if (tag !== ITEM_TAG) throw new Error(`Expected an item at byte ${at}`);
      at = length === UNDEFINED_LENGTH ? this.itemEnd(at + 8) : at + 8 + length;
    }
  }

  private itemEnd(offset: number): number {
    let at = offset;
    while (this.tagAt(at) !== ITEM_DELIMITER_TAG) at = this.element(at).end;
    return at + 8;
  }

  private need(end: number): void {
    if (end > this.bytes.length) throw new Error('The file ends inside an element');
  }
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

/** The file's elements, or null when it is not little-endian Part 10 or does not parse. */
export function readPart10(buffer: ArrayBuffer): Part10 | null {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < META_START || latin1(bytes.subarray(PREAMBLE_LENGTH, META_START)) !== 'DICM') return null;
  try {
    const meta = new Reader(bytes, true);
    let offset = META_START;
    let transferSyntaxUid = '';
    while (offset + 8 <= bytes.length && meta.tagAt(offset) >>> 16 === 0x0002) {
      const element = meta.element(offset);
      if (element.tag === TRANSFER_SYNTAX_UID_TAG) {
        transferSyntaxUid = latin1(bytes.subarray(element.valueStart, element.end)).replace(/[\0 ]+$/, '');
      }
      offset = element.end;
    }
    if (transferSyntaxUid === '' || transferSyntaxUid === EXPLICIT_VR_BIG_ENDIAN) return null;
    const explicitVr = transferSyntaxUid !== IMPLICIT_VR_LITTLE_ENDIAN;
    const reader = new Reader(bytes, explicitVr);
    const dataSetStart = offset;
    const elements: Part10Element[] = [];
    while (offset < bytes.length) {
      const element = reader.element(offset);
      elements.push(element);
      offset = element.end;
    }
    return { bytes, transferSyntaxUid, explicitVr, dataSetStart, elements };
  } catch {
    return null;
  }
}

export function find(part10: Part10, tag: number): Part10Element | undefined {
  return part10.elements.find((element) => element.tag === tag);
}

export function valueOf(part10: Part10, element: Part10Element): Uint8Array {
  return part10.bytes.subarray(element.valueStart, element.valueStart + element.valueLength);
}

/** A text value (CS, DS, IS…) without its padding; null when absent. */
export function textOf(part10: Part10, tag: number): string | null {
  const element = find(part10, tag);
  return element ? latin1(valueOf(part10, element)).replace(/[\0 ]+$/, '').trim() : null;
}

/** The first US value; null when absent or empty. */
export function uint16Of(part10: Part10, tag: number): number | null {
  const element = find(part10, tag);
  if (!element || element.valueLength < 2) return null;
  return new DataView(part10.bytes.buffer, part10.bytes.byteOffset + element.valueStart, 2).getUint16(0, true);
}

/** All US/SS values, as unsigned. */
export function uint16sOf(part10: Part10, tag: number): number[] | null {
  const element = find(part10, tag);
  if (!element) return null;
  const view = new DataView(part10.bytes.buffer, part10.bytes.byteOffset + element.valueStart, element.valueLength);
  return Array.from({ length: Math.floor(element.valueLength / 2) }, (_, i) => view.getUint16(i * 2, true));
}

function encodeElement(tag: number, edit: NonNullable<ElementEdit>, explicitVr: boolean): Uint8Array {
  const { vr, value } = edit;
  const long = LONG_VRS.has(vr);
  const headerLength = explicitVr ? (long ? 12 : 8) : 8;
  const length = edit.encapsulated ? UNDEFINED_LENGTH : value.length;
  const out = new Uint8Array(headerLength + value.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, tag >>> 16, true);
  view.setUint16(2, tag & 0xffff, true);
  if (!explicitVr) view.setUint32(4, length, true);
  else {
    out[4] = vr.charCodeAt(0);
    out[5] = vr.charCodeAt(1);
    if (long) view.setUint32(8, length, true);
    else view.setUint16(6, length, true);
  }
  out.set(value, headerLength);
  return out;
}

/** The items of an encapsulated (undefined-length) element: the Basic Offset Table, then the fragments. */
export function itemsOf(part10: Part10, element: Part10Element): Uint8Array[] | null {
  const value = valueOf(part10, element);
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  const items: Uint8Array[] = [];
  let at = 0;
  while (at + 8 <= value.length) {
    const tag = tagAt(view, at);
    const length = view.getUint32(at + 4, true);
    if (tag !== ITEM_TAG || length === UNDEFINED_LENGTH || at + 8 + length > value.length) return null;
    items.push(value.subarray(at + 8, at + 8 + length));
    at += 8 + length;
  }
  return at === value.length && items.length > 0 ? items : null;
}

/** Encapsulated pixel data of one fragment per frame, an empty offset table first, and the delimiter. */
export function encapsulatedValue(frames: readonly Uint8Array[]): Uint8Array {
  const items = [new Uint8Array(0), ...frames.map((frame) => (frame.length % 2 === 0 ? frame : Uint8Array.from([...frame, 0])))];
  const out = new Uint8Array(items.reduce((sum, item) => sum + 8 + item.length, 8));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const item of items) {
    view.setUint32(at, ITEM_TAG_WORDS, true);
    view.setUint32(at + 4, item.length, true);
    out.set(item, at + 8);
    at += 8 + item.length;
  }
  view.setUint32(at, SEQUENCE_END_WORDS, true);
  return out;
}

/** A text value padded to even length with a space, as DICOM wants for CS, DS, IS. */
export function textValue(text: string): Uint8Array {
  const padded = text.length % 2 === 0 ? text : `${text} `;
  return Uint8Array.from(padded, (char) => char.charCodeAt(0));
}

export function uint16Value(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  values.forEach((value, i) => view.setUint16(i * 2, value, true));
  return out;
}

/**
 * The file with `edits` applied: a tag mapped to a value replaces (or adds) that element, to null
 * removes it; every other byte is copied as it was. The File Meta group is kept unchanged.
 */
export function rewritePart10(part10: Part10, edits: ReadonlyMap<number, ElementEdit>): ArrayBuffer {
  const parts: Uint8Array[] = [part10.bytes.subarray(0, part10.dataSetStart)];
  const present = new Set(part10.elements.map((element) => element.tag));
  const added = [...edits.entries()]
    .flatMap(([tag, edit]) => (edit && !present.has(tag) ? [{ tag, edit }] : []))
    .sort((a, b) => a.tag - b.tag);
  const addBefore = (tag: number) => {
    while (added.length > 0 && added[0]!.tag < tag) {
      const { tag: newTag, edit } = added.shift()!;
      parts.push(encodeElement(newTag, edit, part10.explicitVr));
    }
  };
  for (const element of part10.elements) {
    addBefore(element.tag);
    if (!edits.has(element.tag)) {
      parts.push(part10.bytes.subarray(element.start, element.end));
      continue;
    }
    const edit = edits.get(element.tag);
    if (edit) parts.push(encodeElement(element.tag, edit, part10.explicitVr));
  }
  addBefore(Number.POSITIVE_INFINITY);
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out.buffer;
}
