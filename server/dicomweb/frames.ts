/**
 * Frames of a stored instance as WADO-RS serves them (PS3.18 §8.7.3): native pixel data as
 * little-endian bytes, compressed frames passed through as stored when the client accepts their
 * transfer syntax. Nothing is decoded or re-encoded here.
 */
import dicomParser, { type DataSet } from 'dicom-parser';
import { readDicomInstance } from '../dicom/parse';
import { EXPLICIT_VR_BIG_ENDIAN, NATIVE_TRANSFER_SYNTAXES } from '../dicom/uids';
import { nativeFrameBytes, pixelDataElement } from '../dicom/values';

export const EXPLICIT_VR_LITTLE_ENDIAN_UID = '1.2.840.10008.1.2.1';

/** Media type of a compressed frame by its transfer syntax (PS3.18 Table 8.7.3-5). */
const FRAME_MEDIA_TYPES: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2.4.50': 'image/jpeg',
  '1.2.840.10008.1.2.4.51': 'image/jpeg',
  '1.2.840.10008.1.2.4.57': 'image/jpeg',
  '1.2.840.10008.1.2.4.70': 'image/jpeg',
  '1.2.840.10008.1.2.4.80': 'image/jls',
  '1.2.840.10008.1.2.4.81': 'image/jls',
  '1.2.840.10008.1.2.4.90': 'image/jp2',
  '1.2.840.10008.1.2.4.91': 'image/jp2',
  '1.2.840.10008.1.2.4.201': 'image/jphc',
  '1.2.840.10008.1.2.4.202': 'image/jphc',
  '1.2.840.10008.1.2.4.203': 'image/jphc',
  '1.2.840.10008.1.2.5': 'image/dicom-rle',
};

/** The media type a frame of this transfer syntax is sent as. */
export function frameMediaType(transferSyntaxUid: string): string {
  return FRAME_MEDIA_TYPES[transferSyntaxUid] ?? 'application/octet-stream';
}

/** What one Accept entry of a frames request asks for. */
export interface FrameAccept {
  readonly type: string;
  /** null: the type's default (uncompressed for octet-stream); `*`: as stored. */
  readonly transferSyntax: string | null;
}

/** How frames of a stored instance are sent for one of the client's Accept entries; null when that entry cannot be met. */
export function frameEncoding(stored: string, accept: FrameAccept): { mediaType: string; transferSyntax: string } | null {
  const native = NATIVE_TRANSFER_SYNTAXES.has(stored) && stored !== EXPLICIT_VR_BIG_ENDIAN;
  const anyType = accept.type === '*/*' || accept.type === '*';
  if (native) {
    const wantsNative = anyType || accept.type === 'application/octet-stream';
    const syntaxOk = accept.transferSyntax === null || accept.transferSyntax === '*' || accept.transferSyntax === EXPLICIT_VR_LITTLE_ENDIAN_UID;
    return wantsNative && syntaxOk ? { mediaType: 'application/octet-stream', transferSyntax: EXPLICIT_VR_LITTLE_ENDIAN_UID } : null;
  }
  if (NATIVE_TRANSFER_SYNTAXES.has(stored)) return null;
  const mediaType = frameMediaType(stored);
  const typeOk = anyType || accept.type === mediaType || accept.type === 'application/octet-stream';
  // Compressed as stored: only to a client that accepts this syntax by name or any syntax (`*`);
  // an octet-stream without one means uncompressed, which would need a decoder.
  const syntaxOk = accept.transferSyntax === '*' || accept.transferSyntax === stored || (accept.transferSyntax === null && accept.type === mediaType);
  return typeOk && syntaxOk ? { mediaType, transferSyntax: stored } : null;
}

export class FrameNotFound extends Error {}

/** Frames `numbers` (1-based) of a Part 10 file, as stored (native: little-endian bytes of one frame). */
export function readFrames(file: Uint8Array, numbers: readonly number[]): Uint8Array[] {
  const read = readDicomInstance(file);
  if (!read.ok) throw new Error(`the stored file cannot be read: ${read.reason}`);
  const { dataSet, meta } = read;
  const pixel = pixelDataElement(dataSet);
  if (!pixel) throw new FrameNotFound('the instance holds no pixel data');
  for (const n of numbers) if (n < 1 || n > meta.numberOfFrames) throw new FrameNotFound(`frame ${n} is not one of the instance's ${meta.numberOfFrames}`);
  if (NATIVE_TRANSFER_SYNTAXES.has(meta.transferSyntaxUid)) {
    const frameBytes = nativeFrameBytes(dataSet);
    if (frameBytes === null) throw new Error('the frame size cannot be worked out from the instance');
    return numbers.map((n) => dataSet.byteArray.subarray(pixel.dataOffset + (n - 1) * frameBytes, pixel.dataOffset + n * frameBytes));
  }
  return numbers.map((n) => encapsulatedFrame(dataSet, meta.numberOfFrames, n - 1));
}

function encapsulatedFrame(dataSet: DataSet, frames: number, index: number): Uint8Array {
  const pixel = pixelDataElement(dataSet);
  if (!pixel) throw new FrameNotFound('the instance holds no pixel data');
  const fragments = pixel.fragments ?? [];
  // One frame in many fragments: all of them are that frame.
  if (frames === 1) return dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, pixel, 0, fragments.length);
  const offsets = pixel.basicOffsetTable && pixel.basicOffsetTable.length > 0 ? pixel.basicOffsetTable : frames === fragments.length ? undefined : dicomParser.createJPEGBasicOffsetTable(dataSet, pixel);
  if (offsets === undefined) return dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, pixel, index, 1);
  return dicomParser.readEncapsulatedImageFrame(dataSet, pixel, index, offsets);
}
