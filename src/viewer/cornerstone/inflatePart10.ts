/**
 * Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99) → plain Explicit VR Little Endian.
 * The DICOM image loader's metadata parser reads no deflated data sets, so such files are
 * inflated here before it sees them: the file meta group (never deflated) is copied with the
 * new transfer syntax and group length, and the data set after it is inflated (raw deflate).
 */
import { EXPLICIT_VR_LITTLE_ENDIAN, LONG_VRS, META_START, PREAMBLE_LENGTH } from '../../core/dicomEncoding';

export const DEFLATED_EXPLICIT_LE = '1.2.840.10008.1.2.1.99';
export const EXPLICIT_LE = EXPLICIT_VR_LITTLE_ENDIAN;

interface MetaElement {
  readonly group: number;
  readonly element: number;
  readonly vr: string;
  readonly value: Uint8Array;
}

function readMetaGroup(bytes: Uint8Array): { elements: MetaElement[]; end: number } | null {
  const isPart10 =
    bytes.length > META_START &&
    String.fromCharCode(...bytes.subarray(PREAMBLE_LENGTH, META_START)) === 'DICM';
  if (!isPart10) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const elements: MetaElement[] = [];
  let offset = META_START;
  while (offset + 8 <= bytes.length && view.getUint16(offset, true) === 0x0002) {
    const element = view.getUint16(offset + 2, true);
    const vr = String.fromCharCode(bytes[offset + 4] ?? 0, bytes[offset + 5] ?? 0);
    const long = LONG_VRS.has(vr);
    const length = long ? view.getUint32(offset + 8, true) : view.getUint16(offset + 6, true);
    const valueStart = offset + (long ? 12 : 8);
    if (valueStart + length > bytes.length) throw new Error('The file meta information is truncated');
    elements.push({ group: 0x0002, element, vr, value: bytes.subarray(valueStart, valueStart + length) });
    offset = valueStart + length;
  }
  return { elements, end: offset };
}

function uidOf(value: Uint8Array): string {
  return String.fromCharCode(...value).replace(/[\0 ]+$/, '');
}

function encodeMeta(elements: readonly MetaElement[]): Uint8Array {
  const parts = elements.map(({ group, element, vr, value }) => {
    const long = LONG_VRS.has(vr);
    const header = new Uint8Array(long ? 12 : 8);
    const view = new DataView(header.buffer);
    view.setUint16(0, group, true);
    view.setUint16(2, element, true);
    header[4] = vr.charCodeAt(0);
    header[5] = vr.charCodeAt(1);
    if (long) view.setUint32(8, value.length, true);
    else view.setUint16(6, value.length, true);
    return [header, value];
  });
  const flat = parts.flat();
  const out = new Uint8Array(flat.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of flat) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

async function inflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The same bytes unless the file is deflated; then an equivalent explicit little-endian file. */
export async function inflateIfDeflated(buffer: ArrayBuffer): Promise<ArrayBuffer> {
  const bytes = new Uint8Array(buffer);
  const meta = readMetaGroup(bytes);
  const syntax = meta?.elements.find((e) => e.element === 0x0010);
  if (!meta || !syntax || uidOf(syntax.value) !== DEFLATED_EXPLICIT_LE) return buffer;

  const explicitLe = new TextEncoder().encode(`${EXPLICIT_LE}\0`); // UIDs pad to even length with NUL
  const rest = meta.elements
    .filter((e) => e.element !== 0x0000)
    .map((e) => (e.element === 0x0010 ? { ...e, value: explicitLe } : e));
  const body = encodeMeta(rest);
  const groupLength = new Uint8Array(4);
  new DataView(groupLength.buffer).setUint32(0, body.length, true);
  const header = encodeMeta([{ group: 0x0002, element: 0x0000, vr: 'UL', value: groupLength }]);
  const dataSet = await inflateRaw(bytes.subarray(meta.end));

  const out = new Uint8Array(META_START + header.length + body.length + dataSet.length);
  out.set(bytes.subarray(0, META_START), 0);
  out.set(header, META_START);
  out.set(body, META_START + header.length);
  out.set(dataSet, META_START + header.length + body.length);
  return out.buffer;
}
