/**
 * DICOM elements encoded straight into one growing buffer, byte for byte as dcmjs writes them, for
 * the header writer (headerWrite.ts). dcmjs writes each element through a stream object, a value
 * representation call chain and a buffer of its own; a de-identified header replaces a few dozen
 * elements per file, and that machinery was the largest part of the check worker's time.
 *
 * Only what is plain is encoded here: little-endian syntaxes (explicit or implicit VR), text whose
 * characters are all ASCII (then dcmjs's ASCII and UTF-8 writes give the same bytes), DS/IS numbers
 * (formatted by dcmjs's own value representation), person names, US/UL/SS/SL/FL/FD numbers, an OB
 * ArrayBuffer (the meta group's version) and sequences of such items. Anything else — a value
 * dcmjs would reject, a value too long for a 16-bit length, another VR — makes `encodeElement`
 * return false with the buffer as it was, and the caller leaves that element to dcmjs.
 */
import dcmjs, { type DcmjsDataSet, type DcmjsElement, type DcmjsValueRepresentation } from 'dcmjs';
import { ITEM_DELIMITER_TAG, ITEM_TAG, LONG_VRS, PIXEL_DATA_TAG, PREAMBLE_LENGTH, SEQUENCE_DELIMITER_TAG, UNDEFINED_LENGTH } from '../dicomEncoding';

type NumberSetter = (view: DataView, at: number, value: number) => void;

/** A buffer that grows as elements are written into it (little endian throughout). */
export class GrowingBytes {
  private bytes: Uint8Array<ArrayBuffer>;
  private view: DataView;
  size = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
    this.view = new DataView(this.bytes.buffer);
  }

  private room(more: number): void {
    const needed = this.size + more;
    if (needed <= this.bytes.byteLength) return;
    const grown = new Uint8Array(Math.max(needed, this.bytes.byteLength * 2));
    grown.set(this.bytes.subarray(0, this.size));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  uint8(value: number): void {
    this.room(1);
    this.bytes[this.size++] = value;
  }

  uint16(value: number): void {
    this.room(2);
    this.view.setUint16(this.size, value, true);
    this.size += 2;
  }

  uint32(value: number): void {
    this.room(4);
    this.view.setUint32(this.size, value, true);
    this.size += 4;
  }

  /** `text`'s characters as bytes (the caller has checked they are ASCII). */
  ascii(text: string): void {
    this.room(text.length);
    for (let i = 0; i < text.length; i++) this.bytes[this.size + i] = text.charCodeAt(i);
    this.size += text.length;
  }

  /** One fixed-size number, written by `set` (a DataView setter, little endian). */
  number(bytes: number, set: NumberSetter, value: number): void {
    this.room(bytes);
    set(this.view, this.size, value);
    this.size += bytes;
  }

  copy(from: Uint8Array): void {
    this.room(from.byteLength);
    this.bytes.set(from, this.size);
    this.size += from.byteLength;
  }

  /** Overwrites the 32-bit value at `at` (a length known only once its value is written). */
  setUint32(at: number, value: number): void {
    this.view.setUint32(at, value, true);
  }

  /** Forgets what was written past `size` (an element left to dcmjs after all). */
  rewind(size: number): void {
    this.size = size;
  }

  /** The bytes written, in an ArrayBuffer of their own. */
  written(): Uint8Array<ArrayBuffer> {
    return this.bytes.slice(0, this.size);
  }
}

const VALUE_DELIMITER = '\\';
const PN_GROUP_DELIMITER = '=';
const SPACE = 0x20;

/** How dcmjs pads and checks each text VR: `maxBytes` where it throws on a longer value. */
interface TextVr {
  readonly pad: number;
  readonly maxBytes?: number;
  /** dcmjs checks the value with the VR's own `checkLength` (dates, times, person names). */
  readonly checked?: boolean;
  /** dcmjs counts characters (and only warns), so it throws on an element with no Value at all. */
  readonly counted?: boolean;
}

const TEXT_VRS: Readonly<Record<string, TextVr>> = {
  AE: { pad: SPACE, maxBytes: 16 },
  AS: { pad: SPACE, maxBytes: 4 },
  CS: { pad: SPACE, maxBytes: 16 },
  DA: { pad: SPACE, checked: true },
  DS: { pad: SPACE, maxBytes: 16 },
  DT: { pad: SPACE, checked: true },
  IS: { pad: SPACE, maxBytes: 12 },
  LO: { pad: SPACE, counted: true },
  LT: { pad: SPACE, counted: true },
  PN: { pad: SPACE, checked: true },
  SH: { pad: SPACE, counted: true },
  ST: { pad: SPACE, counted: true },
  TM: { pad: SPACE, checked: true },
  UC: { pad: SPACE },
  UI: { pad: 0 },
  UR: { pad: SPACE },
  UT: { pad: SPACE },
};
// UI's 64-byte limit is dcmjs's too (it throws past it).
const UI_MAX_BYTES = 64;

/** Fixed-size numbers: bytes per value and how the DataView writes one. */
const NUMBER_VRS: Readonly<Record<string, { readonly bytes: number; readonly set: NumberSetter }>> = {
  US: { bytes: 2, set: (view, at, value) => view.setUint16(at, value, true) },
  SS: { bytes: 2, set: (view, at, value) => view.setInt16(at, value, true) },
  UL: { bytes: 4, set: (view, at, value) => view.setUint32(at, value, true) },
  SL: { bytes: 4, set: (view, at, value) => view.setInt32(at, value, true) },
  FL: { bytes: 4, set: (view, at, value) => view.setFloat32(at, value, true) },
  FD: { bytes: 8, set: (view, at, value) => view.setFloat64(at, value, true) },
};

const isAsciiText = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
};

const asText = (value: unknown): string | null => (typeof value === 'string' ? value : value instanceof String ? String(value) : null);

const representations = new Map<string, DcmjsValueRepresentation>();
/** dcmjs's value representation of `vr`, made once (it formats DS/IS and checks dates, times and names). */
function representationOf(vr: string): DcmjsValueRepresentation {
  let representation = representations.get(vr);
  if (!representation) representations.set(vr, (representation = dcmjs.data.ValueRepresentation.createByTypeString(vr)));
  return representation;
}

/** A person name as dcmjs's `pnObjectToString` writes it; null for a value it would not write as text. */
function personNameText(value: unknown): string | null {
  const text = asText(value);
  if (text !== null) return text;
  const names = Array.isArray(value) ? value : [value];
  const parts: string[] = [];
  for (const name of names) {
    if (!name) continue; // dcmjs filters falsy names out
    const plain = asText(name);
    if (plain !== null) {
      parts.push(plain);
      continue;
    }
    if (typeof name !== 'object') return null;
    const groups = name as Record<string, unknown>;
    const alphabetic = groups.Alphabetic ?? '';
    const ideographic = groups.Ideographic ?? '';
    const phonetic = groups.Phonetic ?? '';
    if (typeof alphabetic !== 'string' || typeof ideographic !== 'string' || typeof phonetic !== 'string') return null;
    parts.push([alphabetic, ideographic, phonetic].join(PN_GROUP_DELIMITER).replace(/=*$/, ''));
  }
  return parts.join(VALUE_DELIMITER);
}

/**
 * The text values dcmjs writes for `values` (one string per value, before joining with `\`), or
 * null where it would write them otherwise than as plain strings.
 */
function textValues(vr: string, values: unknown): string[] | null {
  if (vr === 'PN') {
    const text = personNameText(values);
    return text === null ? null : [text];
  }
  if (vr === 'DS' || vr === 'IS') {
    if (!Array.isArray(values)) return null;
    const representation = representationOf(vr);
    const texts: string[] = [];
    for (const value of values) {
      if (value !== null && typeof value !== 'string' && typeof value !== 'number') return null;
      texts.push(representation.convertToString(value));
    }
    return texts;
  }
  if (values === null || values === undefined || values === '') return [];
  const single = asText(values);
  if (single !== null) return [single];
  if (!Array.isArray(values)) return null;
  const texts: string[] = [];
  for (const value of values) {
    const text = asText(value);
    if (text === null) return null;
    texts.push(text);
  }
  return texts;
}

/** Whether dcmjs writes `texts` for `vr` without throwing (its length checks). */
function acceptedByDcmjs(vr: string, rule: TextVr, texts: readonly string[]): boolean {
  const limit = vr === 'UI' ? UI_MAX_BYTES : rule.maxBytes;
  if (rule.checked) {
    const representation = representationOf(vr);
    return texts.every((text) => representation.checkLength?.(text) ?? true);
  }
  return limit === undefined || texts.every((text) => text.length <= limit);
}

/** A tag as (group, element), each 16-bit little endian. */
function writeTag(out: GrowingBytes, tag: number): void {
  out.uint16(tag >>> 16);
  out.uint16(tag & 0xffff);
}

/** The element's header: tag, then VR and length (explicit; a 32-bit length for the long VRs) or the length alone (implicit). */
function writeHead(out: GrowingBytes, tag: number, vr: string, length: number, implicit: boolean): void {
  writeTag(out, tag);
  if (implicit) out.uint32(length);
  else if (LONG_VRS.has(vr)) {
    out.ascii(vr);
    out.uint16(0);
    out.uint32(length);
  } else {
    out.ascii(vr);
    out.uint16(length);
  }
}

function writeText(out: GrowingBytes, tag: number, vr: string, values: unknown, implicit: boolean): boolean {
  const rule = TEXT_VRS[vr]!;
  if (values === undefined && rule.counted) return false;
  const texts = textValues(vr, values);
  if (texts === null || !texts.every(isAsciiText) || !acceptedByDcmjs(vr, rule, texts)) return false;
  const text = texts.join(VALUE_DELIMITER);
  const length = text.length + (text.length & 1);
  // dcmjs writes a 16-bit-length VR of 64 KiB or more as UN: not plain, left to it.
  if (!LONG_VRS.has(vr) && length >= 0x10000) return false;
  writeHead(out, tag, vr, length, implicit);
  out.ascii(text);
  if (text.length & 1) out.uint8(rule.pad);
  return true;
}

function writeNumbers(out: GrowingBytes, tag: number, vr: string, values: unknown, implicit: boolean): boolean {
  const rule = NUMBER_VRS[vr]!;
  if (values === undefined || values === null) values = [];
  if (!Array.isArray(values) || !values.every((value) => typeof value === 'number')) return false;
  const numbers = values as number[];
  writeHead(out, tag, vr, numbers.length * rule.bytes, implicit);
  for (const number of numbers) out.number(rule.bytes, rule.set, number);
  return true;
}

function writeOtherBytes(out: GrowingBytes, tag: number, values: unknown, implicit: boolean): boolean {
  // dcmjs writes the first value only, as the bytes of an ArrayBuffer.
  if (!Array.isArray(values) || !(values[0] instanceof ArrayBuffer)) return false;
  const bytes = new Uint8Array(values[0]);
  const odd = bytes.byteLength & 1;
  writeHead(out, tag, 'OB', bytes.byteLength + odd, implicit);
  out.copy(bytes);
  if (odd) out.uint8(0);
  return true;
}

function writeSequence(out: GrowingBytes, tag: number, items: unknown, implicit: boolean): boolean {
  if (items !== undefined && items !== null && !Array.isArray(items)) return false;
  // dcmjs writes every sequence and item with undefined length, closed by delimitation items.
  writeHead(out, tag, 'SQ', UNDEFINED_LENGTH, implicit);
  for (const item of (items ?? []) as unknown[]) {
    if (typeof item !== 'object' || item === null) return false;
    writeTag(out, ITEM_TAG);
    out.uint32(UNDEFINED_LENGTH);
    if (!encodeDataSet(out, item as DcmjsDataSet, implicit)) return false;
    writeTag(out, ITEM_DELIMITER_TAG);
    out.uint32(0);
  }
  writeTag(out, SEQUENCE_DELIMITER_TAG);
  out.uint32(0);
  return true;
}

/** Whether `encodeElement` may encode an element of this VR at all (its value still decides). */
const encodableVr = (vr: string): boolean => vr in TEXT_VRS || vr in NUMBER_VRS || vr === 'OB' || vr === 'SQ';

/**
 * `element` (keyed `tag`, 8 hex digits) appended to `out` as dcmjs writes it in a little-endian
 * syntax; false, with `out` as it was, where it is not plain enough to encode here.
 */
export function encodeElement(out: GrowingBytes, tag: string, element: DcmjsElement, implicit: boolean): boolean {
  const start = out.size;
  const vr = element.vr;
  if (!encodableVr(vr)) return false;
  const tagNumber = parseInt(tag, 16);
  // A Pixel Data (an icon's, in an item) dcmjs writes as fragments in an encapsulated syntax.
  if (tagNumber === PIXEL_DATA_TAG) return false;
  // dcmjs writes a value as read (`_rawValue`) where the value was not changed; this is its own choice.
  const values = dcmjs.data.DicomMessage._getTagWriteValues(vr, element);
  let done: boolean;
  if (vr === 'SQ') done = writeSequence(out, tagNumber, values, implicit);
  else if (vr === 'OB') done = writeOtherBytes(out, tagNumber, values, implicit);
  else if (vr in NUMBER_VRS) done = writeNumbers(out, tagNumber, vr, values, implicit);
  else done = writeText(out, tagNumber, vr, values, implicit);
  if (!done) out.rewind(start);
  return done;
}

/** A data set's elements in tag order (an item's, or the meta group's); false as `encodeElement`. */
function encodeDataSet(out: GrowingBytes, dataSet: DcmjsDataSet, implicit: boolean): boolean {
  const start = out.size;
  for (const tag of Object.keys(dataSet).sort()) {
    if (!encodeElement(out, tag, dataSet[tag]!, implicit)) {
      out.rewind(start);
      return false;
    }
  }
  return true;
}

/**
 * The preamble, "DICM" and the meta group (explicit VR little endian), its group length (0002,0000)
 * first, as `DicomDict.write` gives them; false, with `out` as it was, where dcmjs must write them.
 */
export function encodeMetaGroup(out: GrowingBytes, meta: DcmjsDataSet): boolean {
  const start = out.size;
  for (let i = 0; i < PREAMBLE_LENGTH; i++) out.uint8(0);
  out.ascii('DICM');
  writeHead(out, 0x00020000, 'UL', 4, false);
  const groupLength = out.size;
  out.uint32(0);
  if (!encodeDataSet(out, meta, false)) {
    out.rewind(start);
    return false;
  }
  out.setUint32(groupLength, out.size - groupLength - 4);
  return true;
}
