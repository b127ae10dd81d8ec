/**
 * The encoded pixel data of a parsed DICOM file. The metadata store keeps a file as one
 * naturalized object holding its PixelData (a copy of the file's pixel bytes), and every image
 * decoded from it refers to that object (`image.data`). Once every frame is decoded, Cornerstone's
 * image cache holds the pixels: keeping the encoded bytes as well would double a series' memory,
 * so they are let go and the file is fetched again if a frame must be decoded anew.
 */

/** The naturalized keys that can hold pixel data in a Part 10 file. */
const ENCODED_PIXEL_KEYS = ['PixelData', 'FloatPixelData', 'DoubleFloatPixelData'] as const;

/** A naturalized instance as the metadata store keeps it (open-ended: every attribute of the file). */
export type NaturalizedInstance = Record<string, unknown>;

/** Frames in the file (NumberOfFrames, 1 when absent or unreadable). */
export function frameCount(natural: NaturalizedInstance): number {
  const count = Number(natural.NumberOfFrames);
  return Number.isInteger(count) && count > 1 ? count : 1;
}

/**
 * Drops the encoded pixel data from `natural`, and from the copy of the whole instance the metadata
 * library keeps for an enhanced multi-frame file (`_parentInstance`, not enumerable). The other
 * attributes stay: overlays and geometry still read them.
 */
export function releaseEncodedPixels(natural: NaturalizedInstance): void {
  const parent = natural._parentInstance;
  for (const instance of [natural, typeof parent === 'object' && parent !== null ? (parent as NaturalizedInstance) : null]) {
    if (!instance) continue;
    for (const key of ENCODED_PIXEL_KEYS) delete instance[key];
  }
}
