/**
 * Hounsfield units of one frame of a CT instance whose pixels are stored uncompressed (native,
 * little endian): stored value × Rescale Slope + Rescale Intercept. Compressed pixels are the
 * viewer's codecs' business; here they give null and the caller reports the density as unknown.
 */
import type { DcmjsNaturalDataSet } from 'dcmjs';
import { bytesOf, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN, numbersOf } from '../seg/dicomFile';

const NATIVE_LITTLE_ENDIAN: ReadonlySet<string> = new Set([IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN]);

/** HU of frame `frame` (1-based; 1 for a single-frame instance), row-major; null when not native greyscale of 8 or 16 bits. */
export function nativeHu(dataSet: DcmjsNaturalDataSet, transferSyntaxUid: string, frame = 1): Float32Array | null {
  if (!NATIVE_LITTLE_ENDIAN.has(transferSyntaxUid)) return null;
  const [rows, columns, bitsAllocated, samples = 1, signed = 0] = [dataSet.Rows, dataSet.Columns, dataSet.BitsAllocated, dataSet.SamplesPerPixel, dataSet.PixelRepresentation].map(
    (value) => numbersOf(value)[0],
  );
  const pixels = bytesOf(dataSet.PixelData);
  if (!pixels || !rows || !columns || samples !== 1 || (bitsAllocated !== 8 && bitsAllocated !== 16)) return null;
  const count = rows * columns;
  const bytesPer = bitsAllocated / 8;
  const start = (frame - 1) * count * bytesPer;
  if (frame < 1 || pixels.byteLength < start + count * bytesPer) return null;
  const slope = numbersOf(dataSet.RescaleSlope)[0] ?? 1;
  const intercept = numbersOf(dataSet.RescaleIntercept)[0] ?? 0;
  const view = new DataView(pixels.buffer, pixels.byteOffset + start, count * bytesPer);
  const hu = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const stored =
      bitsAllocated === 8 ? (signed ? view.getInt8(i) : view.getUint8(i)) : signed ? view.getInt16(i * 2, true) : view.getUint16(i * 2, true);
    hu[i] = stored * slope + intercept;
  }
  return hu;
}
