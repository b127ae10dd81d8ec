/**
 * The media type an upload is sent as. The server reads slides (SVS, NDPI, TIFF, OME-TIFF) and
 * videos under the large-file limit only when they come as `image/tiff` or `video/*`, and tells
 * the formats apart by their bytes either way; sent as `application/dicom`, a multi-GB slide or
 * video would meet the DICOM limit. Stills (JPEG, PNG) go as their own types, which the stills
 * folder upload (POST /api/datasets/:id/stills/files) requires.
 */
const SLIDE_NAME = /\.(svs|ndpi|tiff?)$/i;
const MP4_NAME = /\.(mp4|m4v)$/i;
const WEBM_NAME = /\.webm$/i;
const JPEG_NAME = /\.jpe?g$/i;
const PNG_NAME = /\.png$/i;

export type UploadContentType = 'image/tiff' | 'video/mp4' | 'video/webm' | 'image/jpeg' | 'image/png' | 'application/dicom';

export function uploadContentType(fileName: string, bytes: Blob): UploadContentType {
  if (bytes.type === 'image/tiff' || SLIDE_NAME.test(fileName)) return 'image/tiff';
  if (bytes.type === 'video/mp4' || MP4_NAME.test(fileName)) return 'video/mp4';
  if (bytes.type === 'video/webm' || WEBM_NAME.test(fileName)) return 'video/webm';
  if (bytes.type === 'image/jpeg' || JPEG_NAME.test(fileName)) return 'image/jpeg';
  if (bytes.type === 'image/png' || PNG_NAME.test(fileName)) return 'image/png';
  return 'application/dicom';
}
