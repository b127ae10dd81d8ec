/**
 * The media type an upload is sent as. The server reads slides (SVS, NDPI, TIFF, OME-TIFF) and
 * videos under the large-file limit only when they come as `image/tiff` or `video/*`, and tells
 * the formats apart by their bytes either way; sent as `application/dicom`, a multi-GB slide or
 * video would meet the DICOM limit. Stills (JPEG, PNG) are small and may come as DICOM's type.
 */
const SLIDE_NAME = /\.(svs|ndpi|tiff?)$/i;
const MP4_NAME = /\.(mp4|m4v)$/i;
const WEBM_NAME = /\.webm$/i;

export type UploadContentType = 'image/tiff' | 'video/mp4' | 'video/webm' | 'application/dicom';

export function uploadContentType(fileName: string, bytes: Blob): UploadContentType {
  if (bytes.type === 'image/tiff' || SLIDE_NAME.test(fileName)) return 'image/tiff';
  if (bytes.type === 'video/mp4' || MP4_NAME.test(fileName)) return 'video/mp4';
  if (bytes.type === 'video/webm' || WEBM_NAME.test(fileName)) return 'video/webm';
  return 'application/dicom';
}
