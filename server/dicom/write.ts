/**
 * A small DICOM Part-10 writer: Explicit VR Little Endian, flat data sets (no sequences). Enough
 * to write the demo phantom and test fixtures as real files that DCMTK and Cornerstone read.
 */
import { EXPLICIT_VR_LITTLE_ENDIAN } from './uids';
import { LONG_LENGTH_VRS, type DicomVr } from './vr';

/** Sequences are not written: the writer's users need flat data sets only. */
export type WritableVr = Exclude<DicomVr, 'SQ'>;

export interface DicomElement {
  /** 0xGGGGEEEE, e.g. 0x00100010 for PatientName. */
  readonly tag: number;
  readonly vr: WritableVr;
  /**
   * Text VRs: string, or string[] / numbers for multiple values (joined by `\`). Binary numeric VRs
   * (US, SS, UL, SL, FL, FD, AT): number or number[]. OB/UN: Uint8Array. OW: Int16Array,
   * Uint16Array or Uint8Array (raw little-endian bytes). OF/OD: number[].
   */
  readonly value: string | readonly string[] | number | readonly number[] | Uint8Array | Int16Array | Uint16Array;
}

export interface DicomFileMetaInput {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
}

/** Identifies files written by Mejirushi in (0002,0012); a fixed 2.25 (UUID-derived) UID. */
export const IMPLEMENTATION_CLASS_UID = '2.25.245975603113607508935572722500620808420';
const IMPLEMENTATION_VERSION_NAME = 'MEJIRUSHI_1';

const SOP_CLASS_UID = 0x00080016;
const SOP_INSTANCE_UID = 0x00080018;

const TEXT_VRS: ReadonlySet<WritableVr> = new Set<WritableVr>([
  'AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT',
]);

const NUMERIC_SIZES: Partial<Record<WritableVr, number>> = {
  US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8, AT: 4, OF: 4, OD: 8, SV: 8, UV: 8, OL: 4, OV: 8,
};

export function writeDicom(elements: readonly DicomElement[], meta: DicomFileMetaInput): Uint8Array {
  const dataSet = withSopIdentity(elements, meta).sort((a, b) => a.tag - b.tag);
  for (let i = 1; i < dataSet.length; i++) {
    if (dataSet[i]?.tag === dataSet[i - 1]?.tag) throw new Error(`duplicate element ${formatTag(dataSet[i]?.tag ?? 0)}`);
  }

  return part10File(meta, EXPLICIT_VR_LITTLE_ENDIAN, dataSet.map(encodeElement));
}

/**
 * A Part-10 file: zero preamble, "DICM", a File Meta group written by Mejirushi, then the data set
 * already encoded in `transferSyntaxUid`.
 */
export function part10File(meta: DicomFileMetaInput, transferSyntaxUid: string, dataSet: readonly Uint8Array[]): Uint8Array {
  const metaElements: DicomElement[] = [
    { tag: 0x00020001, vr: 'OB', value: new Uint8Array([0, 1]) },
    { tag: 0x00020002, vr: 'UI', value: meta.sopClassUid },
    { tag: 0x00020003, vr: 'UI', value: meta.sopInstanceUid },
    { tag: 0x00020010, vr: 'UI', value: transferSyntaxUid },
    { tag: 0x00020012, vr: 'UI', value: IMPLEMENTATION_CLASS_UID },
    { tag: 0x00020013, vr: 'SH', value: IMPLEMENTATION_VERSION_NAME },
  ];
  const metaBody = metaElements.map(encodeElement);
  const metaLength = metaBody.reduce((sum, chunk) => sum + chunk.length, 0);
  const groupLength = encodeElement({ tag: 0x00020000, vr: 'UL', value: metaLength });

  const chunks = [groupLength, ...metaBody, ...dataSet];
  const out = new Uint8Array(132 + chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  out.set([0x44, 0x49, 0x43, 0x4d], 128); // preamble stays zero; "DICM"
  let offset = 132;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function withSopIdentity(elements: readonly DicomElement[], meta: DicomFileMetaInput): DicomElement[] {
  const list = [...elements];
  for (const [tag, uid] of [[SOP_CLASS_UID, meta.sopClassUid], [SOP_INSTANCE_UID, meta.sopInstanceUid]] as const) {
    const given = list.find((element) => element.tag === tag);
    if (!given) list.push({ tag, vr: 'UI', value: uid });
    else if (given.value !== uid) throw new Error(`${formatTag(tag)} '${String(given.value)}' differs from the file meta UID '${uid}'`);
  }
  for (const element of list) {
    if (element.tag >>> 16 === 0x0002) throw new Error(`file meta element ${formatTag(element.tag)} is written by writeDicom itself`);
  }
  return list;
}

export function encodeElement(element: DicomElement): Uint8Array {
  const value = encodeValue(element);
  const long = LONG_LENGTH_VRS.has(element.vr);
  if (!long && value.length > 0xffff) {
    throw new Error(`${formatTag(element.tag)} ${element.vr} value is ${value.length} bytes; at most 65535 fit`);
  }
  const headerLength = long ? 12 : 8;
  const out = new Uint8Array(headerLength + value.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, element.tag >>> 16, true);
  view.setUint16(2, element.tag & 0xffff, true);
  out[4] = element.vr.charCodeAt(0);
  out[5] = element.vr.charCodeAt(1);
  if (long) view.setUint32(8, value.length, true);
  else view.setUint16(6, value.length, true);
  out.set(value, headerLength);
  return out;
}

/** The value bytes, padded to even length (space for text, NUL for UI and binary). */
function encodeValue({ tag, vr, value }: DicomElement): Uint8Array {
  if (TEXT_VRS.has(vr)) {
    const parts = Array.isArray(value) ? value : [value];
    if (parts.some((part) => typeof part !== 'string' && typeof part !== 'number')) {
      throw new Error(`${formatTag(tag)} ${vr} needs text or numbers`);
    }
    const joined = parts.map((part) => (typeof part === 'number' ? formatNumber(part, vr) : part)).join('\\');
    return padded(asciiBytes(joined, tag), vr === 'UI' ? 0 : 0x20);
  }
  const size = NUMERIC_SIZES[vr];
  if (size !== undefined) return padded(encodeNumbers(tag, vr, value, size), 0);
  if (vr === 'OB' || vr === 'UN' || vr === 'OW') return padded(rawBytes(tag, vr, value), 0);
  throw new Error(`${formatTag(tag)}: VR ${vr} is not supported by this writer`);
}

function encodeNumbers(tag: number, vr: WritableVr, value: DicomElement['value'], size: number): Uint8Array {
  const numbers = typeof value === 'number' ? [value] : Array.isArray(value) ? value : null;
  if (!numbers || numbers.some((n) => typeof n !== 'number')) throw new Error(`${formatTag(tag)} ${vr} needs numbers`);
  const out = new Uint8Array(numbers.length * size);
  const view = new DataView(out.buffer);
  numbers.forEach((n, i) => {
    const at = i * size;
    switch (vr) {
      case 'US': view.setUint16(at, n, true); break;
      case 'SS': view.setInt16(at, n, true); break;
      case 'UL': case 'OL': view.setUint32(at, n, true); break;
      case 'SL': view.setInt32(at, n, true); break;
      case 'FL': case 'OF': view.setFloat32(at, n, true); break;
      case 'FD': case 'OD': view.setFloat64(at, n, true); break;
      case 'SV': view.setBigInt64(at, BigInt(n), true); break;
      case 'UV': case 'OV': view.setBigUint64(at, BigInt(n), true); break;
      case 'AT':
        view.setUint16(at, n >>> 16, true);
        view.setUint16(at + 2, n & 0xffff, true);
        break;
      default: throw new Error(`${formatTag(tag)}: ${vr} is not numeric`);
    }
  });
  return out;
}

function rawBytes(tag: number, vr: WritableVr, value: DicomElement['value']): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (vr === 'OW' && (value instanceof Int16Array || value instanceof Uint16Array)) {
    // Written through a DataView so the bytes are little-endian whatever the host's byte order.
    const out = new Uint8Array(value.length * 2);
    const view = new DataView(out.buffer);
    for (let i = 0; i < value.length; i++) view.setUint16(i * 2, (value[i] ?? 0) & 0xffff, true);
    return out;
  }
  throw new Error(`${formatTag(tag)} ${vr} needs a byte array${vr === 'OW' ? ' or a 16-bit array' : ''}`);
}

function padded(bytes: Uint8Array, pad: number): Uint8Array {
  if (bytes.length % 2 === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  out[bytes.length] = pad;
  return out;
}

function asciiBytes(text: string, tag: number): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7e) throw new Error(`${formatTag(tag)}: only ASCII text is written (got U+${code.toString(16)})`);
    out[i] = code;
  }
  return out;
}

/** DS allows 16 characters, IS an integer; other text VRs take the plain decimal form. */
function formatNumber(n: number, vr: WritableVr): string {
  if (!Number.isFinite(n)) throw new Error(`${vr} cannot hold ${n}`);
  if (vr === 'IS') return String(Math.round(n));
  if (vr !== 'DS') return String(n);
  const plain = String(n);
  return plain.length <= 16 ? plain : String(Number(n.toPrecision(10)));
}

function formatTag(tag: number): string {
  const hex = (v: number) => v.toString(16).toUpperCase().padStart(4, '0');
  return `(${hex(tag >>> 16)},${hex(tag & 0xffff)})`;
}
