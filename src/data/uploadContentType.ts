/**
 * The media type an upload is sent as. The server reads slides (SVS, NDPI, TIFF, OME-TIFF) under
 * the slide size limit only when they come as `image/tiff`, and tells the formats apart by their
 * bytes either way; sent as `application/dicom`, a multi-GB slide would meet the DICOM limit.
 */
const SLIDE_NAME = /\.(svs|ndpi|tiff?)$/i;

export function uploadContentType(fileName: string, bytes: Blob): 'image/tiff' | 'application/dicom' {
  return bytes.type === 'image/tiff' || SLIDE_NAME.test(fileName) ? 'image/tiff' : 'application/dicom';
}
