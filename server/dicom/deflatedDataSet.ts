/**
 * The data set of a Deflated Explicit VR Little Endian file, inflated with a cap: the image its
 * header declares (rows × columns × samples × bits × frames) plus a margin, and never more than
 * MAX_INFLATED_BYTES. A 1 MB file that would expand to 1 GiB is refused after about a megabyte.
 */
import dicomParser from 'dicom-parser';
import { inflateCapped } from './inflate';
import { EXPLICIT_VR_LITTLE_ENDIAN } from './uids';
import { nativePixelBytes } from './values';

/** No data set may inflate beyond this, whatever its header says. */
export const MAX_INFLATED_BYTES = 256 * 1024 * 1024;
/** Room for what follows the pixel data (padding, trailing elements) beyond the declared image. */
export const INFLATE_MARGIN_BYTES = 1024 * 1024;

export type InflatedDataSet =
  | { readonly ok: true; readonly dataSet: Uint8Array; readonly inflatedBytes: number }
  | { readonly ok: false; readonly reason: string; readonly tooLarge: boolean; readonly inflatedBytes: number };

/** Inflates the deflated data set (raw DEFLATE) that starts a file's data after its File Meta. */
export function inflateDataSet(deflated: Uint8Array): InflatedDataSet {
  const outcome = inflateCapped(deflated, MAX_INFLATED_BYTES, capFromHeader);
  if (outcome.ok) return { ok: true, dataSet: outcome.bytes, inflatedBytes: outcome.inflatedBytes };
  const { inflatedBytes } = outcome;
  switch (outcome.problem) {
    case 'overLimit':
      return {
        ok: false,
        tooLarge: true,
        inflatedBytes,
        reason: 'its compressed data expands far beyond the image its header declares (a "deflate bomb"): refused unopened',
      };
    case 'truncated':
      return { ok: false, tooLarge: false, inflatedBytes, reason: `truncated: deflated data set ends early (${outcome.detail})` };
    case 'corrupt':
      return { ok: false, tooLarge: false, inflatedBytes, reason: `corrupt deflated data set: ${outcome.detail}` };
  }
}

/**
 * The cap once the inflated bytes reach the pixel data element: its offset, the declared image,
 * and the margin. Null while the header is not all there yet. An image declared larger than the
 * absolute limit caps at what is already inflated, so the file is refused at once.
 */
function capFromHeader(prefix: Uint8Array): number | null {
  let pixelDataOffset: number;
  let declared: number | null;
  try {
    const ds = dicomParser.parseDicom(prefix, { TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN, untilTag: 'x7fe00010' });
    const pixel = ds.elements.x7fe00010;
    if (!pixel) return null;
    pixelDataOffset = pixel.dataOffset;
    declared = nativePixelBytes(ds);
  } catch {
    return null;
  }
  if (declared === null) return MAX_INFLATED_BYTES;
  if (declared > MAX_INFLATED_BYTES) return prefix.length;
  return pixelDataOffset + declared + INFLATE_MARGIN_BYTES;
}
