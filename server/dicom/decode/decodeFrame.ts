/**
 * "Imported" means the importer decoded a frame of it: this decodes the first frame of an
 * accepted instance with the decoder the viewer uses for its transfer syntax, and says in words
 * why when it cannot. Runs in an import worker thread (never on the server's event loop).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import dicomParser from 'dicom-parser';
import type { DataSet, Element } from 'dicom-parser';
import { inflateCapped } from '../inflate';
import { NATIVE_TRANSFER_SYNTAXES, transferSyntaxName } from '../uids';
import { nativeFrameBytes } from '../values';
import { JPEG_LOSSLESS, decodeJpegLossless } from './jpegLossless';
import { checkRleFrame } from './rle';
import { CODECS, wasmDecoder, type WasmCodec } from './wasmCodecs';

export type FrameDecodeResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const RLE = '1.2.840.10008.1.2.5';
const ENCAPSULATED_UNCOMPRESSED = '1.2.840.10008.1.2.1.98';
const DEFLATED_FRAME = '1.2.840.10008.1.2.8.1';
export const JPEG_FAMILY: ReadonlySet<string> = new Set(['1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51', '1.2.840.10008.1.2.4.53', '1.2.840.10008.1.2.4.55']);
/** The WebAssembly codec of each transfer syntax decoded by one. */
export const WASM_CODEC_OF: Readonly<Record<string, WasmCodec>> = {
  '1.2.840.10008.1.2.4.80': 'jpegLs',
  '1.2.840.10008.1.2.4.81': 'jpegLs',
  '1.2.840.10008.1.2.4.90': 'jpeg2000',
  '1.2.840.10008.1.2.4.91': 'jpeg2000',
  '1.2.840.10008.1.2.4.201': 'htj2k',
  '1.2.840.10008.1.2.4.202': 'htj2k',
  '1.2.840.10008.1.2.4.203': 'htj2k',
  '1.2.840.10008.1.2.4.110': 'jpegXl',
  '1.2.840.10008.1.2.4.111': 'jpegXl',
  '1.2.840.10008.1.2.4.112': 'jpegXl',
};

export interface FrameSource {
  readonly dataSet: DataSet;
  readonly transferSyntaxUid: string;
  readonly rows: number;
  readonly columns: number;
  readonly numberOfFrames: number;
  readonly bitsAllocated: number;
}

export async function decodeFirstFrame(source: FrameSource): Promise<FrameDecodeResult> {
  const syntax = source.transferSyntaxUid;
  const name = transferSyntaxName(syntax) ?? syntax;
  try {
    const problem = await decode(source);
    return problem === null ? { ok: true } : { ok: false, reason: `its image could not be decoded (${name}): ${problem}` };
  } catch (error) {
    return { ok: false, reason: `its image could not be decoded (${name}): ${describe(error)}` };
  }
}

/** Null when the frame decoded to an image of the declared size, else what went wrong. */
async function decode(source: FrameSource): Promise<string | null> {
  const { dataSet, transferSyntaxUid: syntax, rows, columns } = source;
  const frameBytes = nativeFrameBytes(dataSet) ?? 0;
  // Native pixel data was measured against every frame already; nothing is left to decode.
  if (NATIVE_TRANSFER_SYNTAXES.has(syntax)) return null;
  const frame = encodedFrame(source);
  if (syntax === ENCAPSULATED_UNCOMPRESSED) return frame.length >= frameBytes ? null : `the frame holds ${frame.length} of ${frameBytes} bytes`;
  if (syntax === DEFLATED_FRAME) {
    const inflated = inflateCapped(frame, frameBytes + 1, () => null);
    if (!inflated.ok) return `the compressed frame is ${inflated.problem === 'overLimit' ? 'larger than the image' : inflated.detail}`;
    return inflated.inflatedBytes >= frameBytes ? null : `the frame holds ${inflated.inflatedBytes} of ${frameBytes} bytes`;
  }
  if (syntax === RLE) {
    const samples = dataSet.uint16('x00280002') ?? 1;
    const check = checkRleFrame(frame, rows * columns, samples * Math.ceil(source.bitsAllocated / 8));
    return check.ok ? null : check.detail;
  }
  if (JPEG_LOSSLESS.has(syntax)) return sizeProblem(decodeJpegLossless(frame, source.bitsAllocated), rows, columns);
  if (JPEG_FAMILY.has(syntax)) {
    // As the viewer does: libjpeg-turbo for 8-bit samples, its JavaScript decoder for 12-bit.
    if (source.bitsAllocated <= 8) return decodeWasm('jpeg8', frame, rows, columns);
    return sizeProblem(await decodeJpeg12(frame), rows, columns);
  }
  const codec = WASM_CODEC_OF[syntax];
  if (codec) return decodeWasm(codec, frame, rows, columns);
  return 'no decoder for this transfer syntax';
}

async function decodeWasm(codec: WasmCodec, frame: Uint8Array, rows: number, columns: number): Promise<string | null> {
  const decoder = await wasmDecoder(codec);
  decoder.getEncodedBuffer(frame.length).set(frame);
  try {
    decoder.decode();
  } catch (error) {
    // The codecs throw bare numbers (emscripten exception pointers), which say nothing to a person.
    throw new Error(`the compressed image data is damaged${error instanceof Error ? ` (${CODECS[codec].name}: ${error.message})` : ''}`);
  }
  return sizeProblem(decoder.getFrameInfo(), rows, columns);
}

function sizeProblem(decoded: { width: number; height: number }, rows: number, columns: number): string | null {
  if (decoded.width === columns && decoded.height === rows) return null;
  return `the frame is ${decoded.width} × ${decoded.height} pixels but the header says ${columns} × ${rows}`;
}

/** The bytes of the first frame of encapsulated pixel data. */
function encodedFrame({ dataSet, transferSyntaxUid, numberOfFrames }: FrameSource): Uint8Array {
  const pixel = dataSet.elements.x7fe00010 as Element;
  const fragments = pixel.fragments ?? [];
  if (numberOfFrames === 1) return dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, pixel, 0, fragments.length);
  if ((pixel.basicOffsetTable?.length ?? 0) > 0) return dicomParser.readEncapsulatedImageFrame(dataSet, pixel, 0);
  if (fragments.length === numberOfFrames) return dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, pixel, 0, 1);
  if (JPEG_FAMILY.has(transferSyntaxUid)) {
    // Several fragments per frame and no offset table: find the frames by their JPEG markers.
    return dicomParser.readEncapsulatedImageFrame(dataSet, pixel, 0, dicomParser.createJPEGBasicOffsetTable(dataSet, pixel));
  }
  return dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, pixel, 0, 1);
}

/** The 12-bit JPEG decoder the viewer uses (@cornerstonejs/dicom-image-loader's codecs/jpeg.js). */
interface JpegImage {
  parse(data: Uint8Array): void;
  width: number;
  height: number;
  getData16(width: number, height: number): Uint16Array;
}

let jpeg12: Promise<new () => JpegImage> | null = null;

async function decodeJpeg12(frame: Uint8Array): Promise<{ width: number; height: number }> {
  const image = await parseJpeg12(frame);
  const pixels = image.getData16(image.width, image.height);
  return pixels.length >= image.width * image.height ? { width: image.width, height: image.height } : { width: 0, height: 0 };
}

/** The little-endian bytes of a 12-bit JPEG frame's samples. */
export async function decodeJpeg12Pixels(frame: Uint8Array): Promise<Uint8Array> {
  const image = await parseJpeg12(frame);
  const pixels = image.getData16(image.width, image.height);
  return new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength);
}

async function parseJpeg12(frame: Uint8Array): Promise<JpegImage> {
  if (!jpeg12) {
    // Not in the package's exports map: reached by path from its entry point.
    const entry = createRequire(import.meta.url).resolve('@cornerstonejs/dicom-image-loader');
    const url = pathToFileURL(join(dirname(entry), 'codecs', 'jpeg.js')).href;
    jpeg12 = import(url).then((module: { default: new () => JpegImage }) => module.default);
  }
  const JpegDecoder = await jpeg12;
  const image = new JpegDecoder();
  image.parse(frame);
  return image;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}
