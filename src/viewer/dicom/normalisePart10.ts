/**
 * Rewrites the DICOM files the image loader would show wrongly or not at all into equivalent ones
 * it shows right, before it sees them: unusable pixel spacings are removed (treated as absent),
 * native palette colour with segmented or 65,536-entry tables and native YBR_FULL_422 become
 * 8-bit RGB, frames spread over several fragments without offsets are joined into one fragment
 * each, and Double Float Pixel Data becomes Float Pixel Data. Any other file comes back as it was
 * (same buffer).
 */
import { paletteToRgb, ybrFull422ToRgb, type PaletteTables } from './colour';
import { parsePixelSpacing } from './pixelSpacing';
import { groupFragmentsByMarkers } from './encapsulatedFrames';
import { encapsulatedValue, find, itemsOf, readPart10, rewritePart10, textOf, textValue, uint16Of, uint16sOf, uint16Value, valueOf, type ElementEdit, type Part10 } from './part10';
import { expandSegmentedLut, paletteEntries } from './segmentedLut';

const TAG = {
  samplesPerPixel: 0x00280002,
  photometricInterpretation: 0x00280004,
  planarConfiguration: 0x00280006,
  numberOfFrames: 0x00280008,
  rows: 0x00280010,
  columns: 0x00280011,
  pixelSpacing: 0x00280030,
  imagerPixelSpacing: 0x00181164,
  bitsAllocated: 0x00280100,
  bitsStored: 0x00280101,
  highBit: 0x00280102,
  pixelRepresentation: 0x00280103,
  paletteUid: 0x00281199,
  floatPixelData: 0x7fe00008,
  doubleFloatPixelData: 0x7fe00009,
  pixelData: 0x7fe00010,
} as const;
/** Descriptor, plain data and segmented data of the red table; green and blue follow at +1, +2. */
const PALETTE = { descriptor: 0x00281101, data: 0x00281201, segmented: 0x00281221 } as const;
const NATIVE_SYNTAXES = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);

/** A file the viewer cannot show, for a reason this module found; its message is for logs. */
export class UnsupportedImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedImageError';
  }
}

function dropUnusableSpacings(part10: Part10, edits: Map<number, ElementEdit>): void {
  for (const tag of [TAG.pixelSpacing, TAG.imagerPixelSpacing]) {
    const text = textOf(part10, tag);
    if (text !== null && parsePixelSpacing(text) === null) edits.set(tag, null);
  }
}

interface NativeFrames {
  readonly rows: number;
  readonly columns: number;
  readonly frames: number;
  readonly pixels: Uint8Array;
}

function nativeFrames(part10: Part10): NativeFrames | null {
  const element = find(part10, TAG.pixelData);
  if (!element || !NATIVE_SYNTAXES.has(part10.transferSyntaxUid)) return null;
  const frames = Number.parseInt(textOf(part10, TAG.numberOfFrames) ?? '1', 10);
  return {
    rows: uint16Of(part10, TAG.rows) ?? 0,
    columns: uint16Of(part10, TAG.columns) ?? 0,
    frames: Number.isFinite(frames) && frames > 0 ? frames : 1,
    pixels: valueOf(part10, element),
  };
}

/** The edits that turn the image into 8-bit interleaved RGB with these pixels. */
function asRgb(edits: Map<number, ElementEdit>, rgb: Uint8Array): void {
  const even = rgb.length % 2 === 0 ? rgb : Uint8Array.from([...rgb, 0]);
  edits.set(TAG.samplesPerPixel, { vr: 'US', value: uint16Value(3) });
  edits.set(TAG.photometricInterpretation, { vr: 'CS', value: textValue('RGB') });
  edits.set(TAG.planarConfiguration, { vr: 'US', value: uint16Value(0) });
  edits.set(TAG.bitsAllocated, { vr: 'US', value: uint16Value(8) });
  edits.set(TAG.bitsStored, { vr: 'US', value: uint16Value(8) });
  edits.set(TAG.highBit, { vr: 'US', value: uint16Value(7) });
  edits.set(TAG.pixelRepresentation, { vr: 'US', value: uint16Value(0) });
  edits.set(TAG.pixelData, { vr: 'OB', value: even });
}

function words(part10: Part10, tag: number): Uint16Array | null {
  const element = find(part10, tag);
  if (!element) return null;
  const bytes = valueOf(part10, element);
  return new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.byteLength & ~1)));
}

function paletteTables(part10: Part10): PaletteTables | null {
  const descriptors = [0, 1, 2].map((i) => uint16sOf(part10, PALETTE.descriptor + i));
  const red = descriptors[0];
  const segmented = find(part10, PALETTE.segmented) !== undefined;
  if (!red || red.length < 3 || (!segmented && red[0] !== 0)) return null; // the loader shows these itself
  const entries = paletteEntries(red[0]!);
  const tables = [0, 1, 2].map((i) => {
    const data = segmented ? words(part10, PALETTE.segmented + i) : words(part10, PALETTE.data + i);
    if (!data) throw new UnsupportedImageError('A palette colour table is missing');
    return segmented ? expandSegmentedLut(data, entries) : data.subarray(0, entries);
  }) as [Uint16Array, Uint16Array, Uint16Array];
  if (tables.some((table) => table.length < entries)) throw new UnsupportedImageError('A palette colour table is shorter than its descriptor');
  return { red: tables[0], green: tables[1], blue: tables[2], firstMapped: red[1]!, entryBits: red[2]! };
}

function paletteToRgbEdits(part10: Part10, edits: Map<number, ElementEdit>): void {
  if (textOf(part10, TAG.photometricInterpretation) !== 'PALETTE COLOR') return;
  const tables = paletteTables(part10);
  if (!tables) return;
  const native = nativeFrames(part10);
  if (!native) throw new UnsupportedImageError('Palette colour with segmented or 65,536-entry tables is shown only for uncompressed pixel data');
  const bits = uint16Of(part10, TAG.bitsAllocated);
  const count = native.rows * native.columns * native.frames;
  const { pixels } = native;
  const indices =
    bits === 16
      ? new Uint16Array(pixels.buffer.slice(pixels.byteOffset, pixels.byteOffset + count * 2))
      : bits === 8
        ? pixels.subarray(0, count)
        : null;
  if (!indices || indices.length < count) throw new UnsupportedImageError(`Palette colour with ${bits} bits per index and ${pixels.length} bytes of pixel data`);
  asRgb(edits, paletteToRgb(indices, tables));
  for (const base of [PALETTE.descriptor, PALETTE.data, PALETTE.segmented]) for (const i of [0, 1, 2]) edits.set(base + i, null);
  edits.set(TAG.paletteUid, null);
}

function ybr422ToRgbEdits(part10: Part10, edits: Map<number, ElementEdit>): void {
  if (textOf(part10, TAG.photometricInterpretation) !== 'YBR_FULL_422') return;
  const native = nativeFrames(part10);
  if (!native) return; // compressed (JPEG) YBR_FULL_422 is the decoder's business
  if (uint16Of(part10, TAG.bitsAllocated) !== 8) throw new UnsupportedImageError('YBR_FULL_422 with other than 8 bits per sample');
  const frameBytes = native.rows * native.columns * 2;
  const rgb = new Uint8Array(native.rows * native.columns * 3 * native.frames);
  for (let frame = 0; frame < native.frames; frame += 1) {
    const packed = native.pixels.subarray(frame * frameBytes, (frame + 1) * frameBytes);
    rgb.set(ybrFull422ToRgb(packed, native.rows, native.columns), frame * native.rows * native.columns * 3);
  }
  asRgb(edits, rgb);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Encapsulated frames spread over several fragments with no offset table: the loader takes one
 * fragment per frame, so each frame is joined into one fragment, found by its start marker.
 */
function oneFragmentPerFrame(part10: Part10, edits: Map<number, ElementEdit>): void {
  const element = find(part10, TAG.pixelData);
  if (!element || NATIVE_SYNTAXES.has(part10.transferSyntaxUid) || element.end === element.valueStart + element.valueLength) return;
  const items = itemsOf(part10, element);
  if (!items) return;
  const [offsetTable, ...fragments] = items;
  const frames = Math.max(1, Number.parseInt(textOf(part10, TAG.numberOfFrames) ?? '1', 10) || 1);
  if (offsetTable!.length > 0 || fragments.length <= frames) return;
  const groups = frames === 1 ? [fragments] : groupFragmentsByMarkers(fragments, frames);
  if (!groups) return;
  edits.set(TAG.pixelData, { vr: element.vr ?? 'OB', value: encapsulatedValue(groups.map(concat)), encapsulated: true });
}

/** The loader reads Float Pixel Data only: doubles are narrowed to floats (display needs no more). */
function doubleToFloat(part10: Part10, edits: Map<number, ElementEdit>): void {
  const element = find(part10, TAG.doubleFloatPixelData);
  if (!element || find(part10, TAG.floatPixelData)) return;
  const bytes = valueOf(part10, element);
  const doubles = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.byteLength & ~7)));
  edits.set(TAG.doubleFloatPixelData, null);
  edits.set(TAG.floatPixelData, { vr: 'OF', value: new Uint8Array(Float32Array.from(doubles).buffer) });
  edits.set(TAG.bitsAllocated, { vr: 'US', value: uint16Value(32) });
}

export function normalisePart10(buffer: ArrayBuffer): ArrayBuffer {
  const part10 = readPart10(buffer);
  if (!part10) return buffer;
  const edits = new Map<number, ElementEdit>();
  dropUnusableSpacings(part10, edits);
  paletteToRgbEdits(part10, edits);
  ybr422ToRgbEdits(part10, edits);
  oneFragmentPerFrame(part10, edits);
  doubleToFloat(part10, edits);
  return edits.size === 0 ? buffer : rewritePart10(part10, edits);
}
