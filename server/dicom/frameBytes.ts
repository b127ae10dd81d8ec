/**
 * The bytes of chosen frames of a Part 10 file as stored: native pixel data as the little-endian
 * bytes of each frame, encapsulated pixel data as each frame's compressed bytes.
 */
import dicomParser, { type DataSet } from 'dicom-parser';
import { readDicomInstance, type DicomInstanceMeta } from './parse';
import { NATIVE_TRANSFER_SYNTAXES } from './uids';
import { nativeFrameBytes, pixelDataElement } from './values';

export class FrameNotFound extends Error {}

/** Chosen frames of a file with the data set and header they are read by. */
export interface StoredFrames {
  readonly dataSet: DataSet;
  readonly meta: DicomInstanceMeta;
  readonly frames: Uint8Array[];
}

/** Frames `numbers` (1-based) of a Part 10 file, as stored (native: little-endian bytes of one frame). */
export function readFrames(file: Uint8Array, numbers: readonly number[]): Uint8Array[] {
  return readStoredFrames(file, numbers).frames;
}

export function readStoredFrames(file: Uint8Array, numbers: readonly number[]): StoredFrames {
  const read = readDicomInstance(file);
  if (!read.ok) throw new Error(`the stored file cannot be read: ${read.reason}`);
  const { dataSet, meta } = read;
  const pixel = pixelDataElement(dataSet);
  if (!pixel) throw new FrameNotFound('the instance holds no pixel data');
  for (const n of numbers) if (n < 1 || n > meta.numberOfFrames) throw new FrameNotFound(`frame ${n} is not one of the instance's ${meta.numberOfFrames}`);
  if (NATIVE_TRANSFER_SYNTAXES.has(meta.transferSyntaxUid)) {
    const frameBytes = nativeFrameBytes(dataSet);
    if (frameBytes === null) throw new Error('the frame size cannot be worked out from the instance');
    const frames = numbers.map((n) => dataSet.byteArray.subarray(pixel.dataOffset + (n - 1) * frameBytes, pixel.dataOffset + n * frameBytes));
    return { dataSet, meta, frames };
  }
  return { dataSet, meta, frames: numbers.map((n) => encapsulatedFrame(dataSet, meta.numberOfFrames, n - 1)) };
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
