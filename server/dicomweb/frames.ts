/**
 * How frames of a stored instance are sent by WADO-RS (PS3.18 §8.7.3): native pixel data as
 * little-endian bytes, compressed frames passed through as stored when the client accepts their
 * transfer syntax, or decoded to little-endian bytes when it asks for them uncompressed.
 */
import { canDecodeFrames } from '../dicom/decode/pixels';
import { EXPLICIT_VR_BIG_ENDIAN, NATIVE_TRANSFER_SYNTAXES } from '../dicom/uids';

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
  // Compressed as stored: only to a client that accepts this syntax by name or any syntax (`*`).
  const syntaxOk = accept.transferSyntax === '*' || accept.transferSyntax === stored || (accept.transferSyntax === null && accept.type === mediaType);
  if (typeOk && syntaxOk) return { mediaType, transferSyntax: stored };
  // Uncompressed, asked for by name or as octet-stream's default: decoded, where a decoder exists.
  const wantsUncompressed = accept.type === 'application/octet-stream' && (accept.transferSyntax === null || accept.transferSyntax === EXPLICIT_VR_LITTLE_ENDIAN_UID);
  return wantsUncompressed && canDecodeFrames(stored) ? { mediaType: 'application/octet-stream', transferSyntax: EXPLICIT_VR_LITTLE_ENDIAN_UID } : null;
}
