/**
 * Colour conversions of native pixel data to 8-bit interleaved RGB, the form the DICOM image
 * loader shows without conversions of its own.
 */

/** YBR_FULL → RGB (PS3.3 C.7.6.3.1.2), rounded and clamped as pydicom's convert_color_space does. */
function ybrToRgb(y: number, cb: number, cr: number, out: Uint8Array, at: number): void {
  const b = cb - 128;
  const r = cr - 128;
  out[at] = clamp(y + 1.402 * r);
  out[at + 1] = clamp(y - 0.344136 * b - 0.714136 * r);
  out[at + 2] = clamp(y + 1.772 * b);
}

function clamp(value: number): number {
  return Math.min(255, Math.max(0, Math.floor(value + 0.5)));
}

/**
 * Native YBR_FULL_422 (PS3.5 8.2.6: Y1 Y2 Cb Cr for each pair of pixels in a row, 8 bits) → RGB.
 * `columns` must be even, as the standard requires for this photometric interpretation.
 */
export function ybrFull422ToRgb(packed: Uint8Array, rows: number, columns: number): Uint8Array {
  if (columns % 2 !== 0) throw new RangeError(`YBR_FULL_422 needs an even number of columns, not ${columns}`);
  const pixels = rows * columns;
  if (packed.length < pixels * 2) throw new RangeError(`YBR_FULL_422 frame of ${pixels} pixels needs ${pixels * 2} bytes, has ${packed.length}`);
  const out = new Uint8Array(pixels * 3);
  for (let pair = 0; pair < pixels / 2; pair += 1) {
    const at = pair * 4;
    const cb = packed[at + 2]!;
    const cr = packed[at + 3]!;
    ybrToRgb(packed[at]!, cb, cr, out, pair * 6);
    ybrToRgb(packed[at + 1]!, cb, cr, out, pair * 6 + 3);
  }
  return out;
}

export interface PaletteTables {
  readonly red: Uint16Array;
  readonly green: Uint16Array;
  readonly blue: Uint16Array;
  /** Stored value of the first table entry (descriptor's second value). */
  readonly firstMapped: number;
  /** Bits per table entry (descriptor's third value): 8 or 16. */
  readonly entryBits: number;
}

/**
 * Palette indices → RGB. Indices below the first mapped value take the first entry, above the
 * last take the last (PS3.3 C.7.6.3.1.5); 16-bit entries are drawn by their high byte.
 */
export function paletteToRgb(indices: ArrayLike<number>, tables: PaletteTables): Uint8Array {
  const last = tables.red.length - 1;
  const shift = tables.entryBits > 8 ? 8 : 0;
  const out = new Uint8Array(indices.length * 3);
  for (let i = 0; i < indices.length; i += 1) {
    const entry = Math.min(last, Math.max(0, indices[i]! - tables.firstMapped));
    out[i * 3] = tables.red[entry]! >> shift;
    out[i * 3 + 1] = tables.green[entry]! >> shift;
    out[i * 3 + 2] = tables.blue[entry]! >> shift;
  }
  return out;
}
