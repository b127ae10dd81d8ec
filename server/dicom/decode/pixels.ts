/**
 * The decoded pixels of a frame, for the WADO-RS answers that need them (rendered images,
 * uncompressed frames of compressed instances). Compressed frames go through the decoders the
 * viewer uses (wasmCodecs.ts, the JPEG Lossless and 12-bit JPEG decoders), never our own.
 */
import type { DataSet } from 'dicom-parser';
import { FrameNotFound, readStoredFrames } from '../frameBytes';
import { EXPLICIT_VR_BIG_ENDIAN, NATIVE_TRANSFER_SYNTAXES } from '../uids';
import { text } from '../values';
import { decodeJpeg12Pixels, JPEG_FAMILY, WASM_CODEC_OF } from './decodeFrame';
import { decodeJpegLosslessPixels, JPEG_LOSSLESS } from './jpegLossless';
import { wasmDecoder } from './wasmCodecs';

export type PixelArray = Int16Array | Uint16Array | Uint8Array;

export interface DecodedFrame {
  /** Stored values, sample-interleaved (R G B R G B …) for colour; row by row from the top left. */
  readonly pixels: PixelArray;
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: number;
  /** Of the decoded pixels: the JPEG, JPEG 2000 and JPEG XL decoders hand back RGB for the YBR kinds they convert. */
  readonly photometricInterpretation: string;
}

export class NoDecoder extends Error {}

/** Whether frames of this transfer syntax can be decoded to pixels here. */
export function canDecodeFrames(transferSyntaxUid: string): boolean {
  const native = NATIVE_TRANSFER_SYNTAXES.has(transferSyntaxUid) && transferSyntaxUid !== EXPLICIT_VR_BIG_ENDIAN;
  return native || JPEG_FAMILY.has(transferSyntaxUid) || JPEG_LOSSLESS.has(transferSyntaxUid) || WASM_CODEC_OF[transferSyntaxUid] !== undefined;
}

/** Frame `n` (1-based) of a Part 10 file, decoded. */
export async function decodeFrame(file: Uint8Array, n: number): Promise<DecodedFrame> {
  return (await decodeFrames(file, [n])).frames[0] as DecodedFrame;
}

/** Frames `numbers` (1-based) of a Part 10 file, decoded, with the data set they came from; NoDecoder when its transfer syntax has none here. */
export async function decodeFrames(file: Uint8Array, numbers: readonly number[]): Promise<{ dataSet: DataSet; frames: DecodedFrame[] }> {
  const { dataSet, meta, frames } = readStoredFrames(file, numbers);
  const syntax = meta.transferSyntaxUid;
  if (!canDecodeFrames(syntax)) throw new NoDecoder(`frames stored as ${syntax} cannot be decoded here`);
  const layout = layoutOf(dataSet);
  if (layout.bitsAllocated !== 8 && layout.bitsAllocated !== 16) throw new NoDecoder(`frames of ${layout.bitsAllocated}-bit samples cannot be decoded here`);
  const decoded: DecodedFrame[] = [];
  for (const frame of frames) {
    const pixels = NATIVE_TRANSFER_SYNTAXES.has(syntax) ? aligned(frame) : await decodeCompressed(syntax, frame, layout.bitsAllocated);
    const expected = meta.rows * meta.columns * layout.samplesPerPixel;
    if (pixels.length / (layout.bitsAllocated / 8) < expected) throw new FrameNotFound(`the frame decodes to fewer than its ${expected} samples`);
    const frameOut: DecodedFrame = {
      pixels: typed(pixels, layout.bitsAllocated, layout.signed, expected),
      rows: meta.rows,
      columns: meta.columns,
      samplesPerPixel: layout.samplesPerPixel,
      photometricInterpretation: decodedPhotometric(syntax, layout.photometricInterpretation),
    };
    // Decoders hand back interleaved samples; only native frames may be stored planar.
    decoded.push(layout.planar && NATIVE_TRANSFER_SYNTAXES.has(syntax) ? interleaved(frameOut) : frameOut);
  }
  return { dataSet, frames: decoded };
}

interface Layout {
  readonly bitsAllocated: number;
  readonly signed: boolean;
  readonly samplesPerPixel: number;
  readonly planar: boolean;
  readonly photometricInterpretation: string;
}

function layoutOf(dataSet: DataSet): Layout {
  return {
    bitsAllocated: dataSet.uint16('x00280100') ?? 16,
    signed: dataSet.uint16('x00280103') === 1,
    samplesPerPixel: dataSet.uint16('x00280002') ?? 1,
    planar: dataSet.uint16('x00280006') === 1,
    photometricInterpretation: text(dataSet, 'x00280004') || 'MONOCHROME2',
  };
}

/** The decoded bytes of a compressed frame (little-endian samples). */
async function decodeCompressed(syntax: string, frame: Uint8Array, bitsAllocated: number): Promise<Uint8Array> {
  if (JPEG_LOSSLESS.has(syntax)) return decodeJpegLosslessPixels(frame, bitsAllocated);
  // As the viewer does: libjpeg-turbo for 8-bit samples, its JavaScript decoder for 12-bit.
  const codec = JPEG_FAMILY.has(syntax) ? (bitsAllocated <= 8 ? 'jpeg8' : null) : (WASM_CODEC_OF[syntax] ?? null);
  if (codec === null) return decodeJpeg12Pixels(frame);
  const decoder = await wasmDecoder(codec);
  decoder.getEncodedBuffer(frame.length).set(frame);
  decoder.decode();
  // A view into the codec's memory, reused by its next decode: copied out.
  return decoder.getDecodedBuffer().slice();
}

/** The bytes in a buffer of their own, so they can be viewed as 16-bit samples whatever their offset. */
function aligned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
}

function typed(bytes: Uint8Array, bitsAllocated: number, signed: boolean, samples: number): PixelArray {
  if (bitsAllocated === 8) return bytes.subarray(0, samples);
  return signed ? new Int16Array(bytes.buffer, bytes.byteOffset, samples) : new Uint16Array(bytes.buffer, bytes.byteOffset, samples);
}

/** JPEG, JPEG 2000 and JPEG XL decoders undo the colour transform of the YBR kinds; JPEG-LS and native frames keep theirs. */
function decodedPhotometric(syntax: string, stored: string): string {
  const codec = WASM_CODEC_OF[syntax];
  const converts = JPEG_FAMILY.has(syntax) || (codec !== undefined && codec !== 'jpegLs');
  return converts && stored.startsWith('YBR') ? 'RGB' : stored;
}

/** Planar colour (RRR… GGG… BBB…) as interleaved samples. */
function interleaved(frame: DecodedFrame): DecodedFrame {
  const { pixels, samplesPerPixel } = frame;
  const plane = pixels.length / samplesPerPixel;
  const out = new (pixels.constructor as new (length: number) => PixelArray)(pixels.length);
  for (let i = 0; i < plane; i += 1) for (let s = 0; s < samplesPerPixel; s += 1) out[i * samplesPerPixel + s] = pixels[s * plane + i] as number;
  return { ...frame, pixels: out };
}
