/** JPEG Lossless (Process 14 and SV1) through the decoder the viewer uses. */
import { Decoder } from '@cornerstonejs/jpeg-lossless-decoder-js';

export const JPEG_LOSSLESS: ReadonlySet<string> = new Set(['1.2.840.10008.1.2.4.57', '1.2.840.10008.1.2.4.70']);

export function decodeJpegLossless(frame: Uint8Array, bitsAllocated: number): { width: number; height: number } {
  const decoder = new Decoder();
  decoder.decode(frame.buffer as ArrayBuffer, frame.byteOffset, frame.length, bitsAllocated <= 8 ? 1 : 2);
  return { width: decoder.xDim, height: decoder.yDim };
}

/** The little-endian bytes of a JPEG Lossless frame's samples. */
export function decodeJpegLosslessPixels(frame: Uint8Array, bitsAllocated: number): Uint8Array {
  const decoder = new Decoder();
  const samples = decoder.decode(frame.buffer as ArrayBuffer, frame.byteOffset, frame.length, bitsAllocated <= 8 ? 1 : 2);
  return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
}
