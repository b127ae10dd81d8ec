/**
 * DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, then one PackBits
 * segment per byte plane (samples × bytes per sample). Decodes every segment of a frame and
 * reports whether each fills the image; small enough not to need a library.
 */

export type RleCheck = { readonly ok: true } | { readonly ok: false; readonly detail: string };

export function checkRleFrame(frame: Uint8Array, pixels: number, expectedSegments: number): RleCheck {
  if (frame.length < 64) return { ok: false, detail: 'the RLE header is cut short' };
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segments = view.getUint32(0, true);
  if (segments !== expectedSegments) return { ok: false, detail: `${segments} RLE segments where the image needs ${expectedSegments}` };
  for (let i = 0; i < segments; i++) {
    const start = view.getUint32(4 + i * 4, true);
    const end = i + 1 < segments ? view.getUint32(8 + i * 4, true) : frame.length;
    if (start < 64 || end > frame.length || end < start) return { ok: false, detail: `RLE segment ${i + 1} lies outside the frame` };
    const decoded = packBitsLength(frame, start, end, pixels);
    if (decoded < pixels) return { ok: false, detail: `RLE segment ${i + 1} holds ${decoded} of ${pixels} pixels` };
  }
  return { ok: true };
}

/** Bytes a PackBits run yields (up to `limit`): n ≥ 0 copies n+1 literals, n < -1 repeats one byte 1-n times. */
function packBitsLength(frame: Uint8Array, start: number, end: number, limit: number): number {
  let produced = 0;
  let at = start;
  while (at < end && produced < limit) {
    const header = (frame[at] ?? 0) << 24 >> 24;
    at += 1;
    if (header >= 0) {
      const count = header + 1;
      if (at + count > end) return produced + (end - at);
      produced += count;
      at += count;
    } else if (header > -128) {
      if (at >= end) return produced;
      produced += 1 - header;
      at += 1;
    }
  }
  return produced;
}
