/**
 * Pixel data of a BINARY segmentation (PS3.3 C.8.20.2): one bit per pixel, frames concatenated
 * with no padding between them (a frame may start inside a byte), the first pixel in the least
 * significant bit, the whole padded to an even length.
 */

/** Packs labelmaps (0 or non-zero per pixel, row-major, each `pixelsPerFrame` long) into BINARY pixel data. */
export function packFrames(frames: readonly Uint8Array[], pixelsPerFrame: number): Uint8Array<ArrayBuffer> {
  const bits = frames.length * pixelsPerFrame;
  const bytes = Math.ceil(bits / 8);
  const out = new Uint8Array(bytes + (bytes % 2));
  frames.forEach((frame, f) => {
    if (frame.length !== pixelsPerFrame) throw new RangeError(`frame ${f} has ${frame.length} pixels, expected ${pixelsPerFrame}`);
    const start = f * pixelsPerFrame;
    for (let i = 0; i < pixelsPerFrame; i += 1) {
      if (frame[i] === 0) continue;
      const bit = start + i;
      out[bit >> 3]! |= 1 << (bit & 7);
    }
  });
  return out;
}

/** Frame `index` (0-based) of BINARY pixel data as a labelmap of 0s and 1s. */
export function unpackFrame(pixelData: Uint8Array, index: number, pixelsPerFrame: number): Uint8Array {
  const start = index * pixelsPerFrame;
  if (Math.ceil((start + pixelsPerFrame) / 8) > pixelData.length) throw new RangeError(`pixel data ends before frame ${index + 1}`);
  const out = new Uint8Array(pixelsPerFrame);
  for (let i = 0; i < pixelsPerFrame; i += 1) {
    const bit = start + i;
    out[i] = (pixelData[bit >> 3]! >> (bit & 7)) & 1;
  }
  return out;
}
