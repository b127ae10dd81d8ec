/** A DICOM WSI file or slide that cannot be served; the message says why, for the person importing it. */
export class WsiError extends Error {
  override readonly name = 'WsiError';
}
