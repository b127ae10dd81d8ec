/**
 * Where each frame of an instance lies in its file, found with small positioned reads so that
 * memory stays bounded whatever the file's size: besides the header window (header.ts, at most
 * MAX_HEADER_BYTES), an index of a few numbers per fragment when there is no offset table, and
 * the bytes of the one frame asked for (at most MAX_FRAME_BYTES).
 * - uncompressed: frames follow one another from the start of Pixel Data;
 * - encapsulated: the Extended Offset Table, else the Basic Offset Table, else a walk over the
 *   fragment item headers (8 bytes read per fragment, plus 2 to see where a JPEG starts).
 */
import type { ByteSource } from './byteSource';
import { uint16, uint32, type WsiHeader } from './header';
import { WsiError } from './wsiError';

/** A tile larger than this is refused rather than read: scanners' tiles are tens or hundreds of KiB. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** Frame `index` (0-based) as stored: a JPEG stream when encapsulated, raw samples when native. */
export type FrameReader = (index: number) => Promise<Uint8Array>;

const ITEM = 0xe000;
const SEQUENCE_DELIMITER = 0xe0dd;
const ITEM_GROUP = 0xfffe;

export function nativeFrameReader(source: ByteSource, header: WsiHeader, frameBytes: number, frames: number): FrameReader {
  const { dataOffset, length } = header.pixelData;
  if (length < frameBytes * frames || dataOffset + frameBytes * frames > source.size) {
    throw new WsiError(`its pixel data holds ${Math.min(length, source.size - dataOffset)} bytes, too few for ${frames} tiles of ${frameBytes}`);
  }
  return (index) => source.read(dataOffset + index * frameBytes, frameBytes);
}

export async function encapsulatedFrameReader(source: ByteSource, header: WsiHeader, frames: number): Promise<FrameReader> {
  if (!header.pixelData.undefinedLength) throw new WsiError('its compressed pixel data is not encapsulated in fragments');
  const start = header.pixelData.dataOffset;
  const table = itemHeader(await source.read(start, 8), start);
  if (table.kind !== 'item') throw new WsiError('its compressed pixel data does not begin with an offset table item');
  const first = start + 8 + table.length;
  const extended = header.extendedOffsets;
  if (extended && extended.offsets.length === frames && extended.lengths.length === frames) {
    // Each frame is one fragment when the Extended Offset Table is present.
    return async (index) => withoutPadding(await fragmentAt(source, first + extended.offsets[index]!, extended.lengths[index]!));
  }
  if (table.length === 4 * frames && frames > 0) {
    const bytes = await source.read(start + 8, table.length);
    const offsets = Array.from({ length: frames }, (_, i) => first + uint32(bytes, 4 * i));
    if (offsets.every((offset, i) => i === 0 || offset > offsets[i - 1]!)) {
      return async (index) => withoutPadding(await fragmentsFrom(source, offsets[index]!, offsets[index + 1] ?? null));
    }
  }
  return walkedFrames(source, first, frames);
}

interface ItemHeader {
  readonly kind: 'item' | 'end' | 'other';
  readonly length: number;
}

function itemHeader(bytes: Uint8Array, at: number): ItemHeader {
  if (bytes.length < 8) throw new WsiError(`its pixel data ends inside a fragment header at byte ${at}`);
  const group = uint16(bytes, 0);
  const element = uint16(bytes, 2);
  const kind = group !== ITEM_GROUP ? 'other' : element === ITEM ? 'item' : element === SEQUENCE_DELIMITER ? 'end' : 'other';
  return { kind, length: uint32(bytes, 4) };
}

/** The fragment whose item header is at `at`; `length` is what the offset table says it holds. */
async function fragmentAt(source: ByteSource, at: number, length: number): Promise<Uint8Array> {
  checkFrameSize(length, at);
  const bytes = await source.read(at, 8 + length);
  const header = itemHeader(bytes, at);
  if (header.kind !== 'item' || header.length < length) throw new WsiError(`its offset table points at byte ${at}, where no fragment of ${length} bytes starts`);
  return bytes.subarray(8, 8 + length);
}

/** The fragments from the item at `from` up to `to` (the next frame's first item), or to the sequence's end when `to` is null. */
async function fragmentsFrom(source: ByteSource, from: number, to: number | null): Promise<Uint8Array> {
  if (to !== null) {
    checkFrameSize(to - from, from);
    // One read for the frame and its item headers, split here.
    const span = await source.read(from, to - from);
    const parts: Uint8Array[] = [];
    for (let at = 0; at < span.length; ) {
      const header = itemHeader(span.subarray(at, at + 8), from + at);
      if (header.kind !== 'item' || at + 8 + header.length > span.length) throw new WsiError(`its offset table does not match its fragments at byte ${from + at}`);
      parts.push(span.subarray(at + 8, at + 8 + header.length));
      at += 8 + header.length;
    }
    return concat(parts);
  }
  const parts: Uint8Array[] = [];
  for (let at = from; at + 8 <= source.size; ) {
    const header = itemHeader(await source.read(at, 8), at);
    if (header.kind !== 'item') break;
    checkFrameSize(header.length, at);
    parts.push(await source.read(at + 8, header.length));
    at += 8 + header.length;
  }
  if (parts.length === 0) throw new WsiError(`its offset table points at byte ${from}, where no fragment starts`);
  return concat(parts);
}

/** No usable offset table: one pass over the fragment headers indexes the frames. */
async function walkedFrames(source: ByteSource, first: number, frames: number): Promise<FrameReader> {
  const offsets: number[] = [];
  const lengths: number[] = [];
  const startsImage: boolean[] = [];
  for (let at = first; at + 8 <= source.size; ) {
    const head = await source.read(at, 10);
    const header = itemHeader(head, at);
    if (header.kind === 'end') break;
    if (header.kind !== 'item') throw new WsiError(`its pixel data has a damaged fragment at byte ${at}`);
    checkFrameSize(header.length, at);
    offsets.push(at + 8);
    lengths.push(header.length);
    startsImage.push(head[8] === 0xff && head[9] === 0xd8);
    at += 8 + header.length;
  }
  if (offsets.length < frames) throw new WsiError(`it declares ${frames} tiles but its pixel data holds ${offsets.length} fragments`);
  if (offsets.length === frames) return async (index) => withoutPadding(await source.read(offsets[index]!, lengths[index]!));
  // Several fragments per frame: a frame starts at each fragment that starts a JPEG image.
  const firstFragments = startsImage.flatMap((starts, i) => (starts ? [i] : []));
  if (firstFragments.length !== frames) throw new WsiError(`its ${offsets.length} fragments cannot be told apart into ${frames} tiles`);
  return async (index) => {
    const end = firstFragments[index + 1] ?? offsets.length;
    const parts: Uint8Array[] = [];
    for (let i = firstFragments[index]!; i < end; i += 1) parts.push(await source.read(offsets[i]!, lengths[i]!));
    return withoutPadding(concat(parts));
  };
}

function checkFrameSize(bytes: number, at: number): void {
  if (bytes > MAX_FRAME_BYTES) throw new WsiError(`a tile at byte ${at} would be ${bytes} bytes, more than any scanner's tile; the file is damaged`);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Fragments have even lengths: a JPEG of odd length is stored with one 0 byte after its end-of-image marker, not part of the image. */
function withoutPadding(frame: Uint8Array): Uint8Array {
  const n = frame.length;
  return n >= 3 && frame[n - 1] === 0 && frame[n - 2] === 0xd9 && frame[n - 3] === 0xff ? frame.subarray(0, n - 1) : frame;
}
