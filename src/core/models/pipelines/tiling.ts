/**
 * Cutting an image into overlapping model tiles. Along each axis as few tiles as overlap by at
 * least `overlap` px, spread evenly, the first and last flush with the edges; each tile owns a *core*, the part
 * nearer to it than to its neighbour (cores partition the image), so an object on a seam is
 * claimed by the tile whose core it touches and the overlap shows it whole.
 */

export interface TileSpan {
  /** First pixel of the tile. */
  readonly start: number;
  readonly size: number;
  /** The tile's core [coreStart, coreEnd), in the same px as `start`. */
  readonly coreStart: number;
  readonly coreEnd: number;
}

export function tileSpans(length: number, tileSize: number, overlap: number): TileSpan[] {
  if (!(tileSize > overlap && overlap >= 0)) throw new RangeError(`a tile of ${tileSize} px cannot overlap its neighbour by ${overlap} px`);
  if (length <= tileSize) return [{ start: 0, size: length, coreStart: 0, coreEnd: length }];
  // As few tiles as overlap by at least `overlap`, spread evenly from edge to edge.
  const count = Math.ceil((length - overlap) / (tileSize - overlap));
  const starts = Array.from({ length: count }, (_, i) => Math.round((i * (length - tileSize)) / (count - 1)));
  return starts.map((start, i) => ({
    start,
    size: tileSize,
    coreStart: i === 0 ? 0 : Math.floor((starts[i - 1]! + tileSize + start) / 2),
    coreEnd: i === starts.length - 1 ? length : Math.floor((start + tileSize + starts[i + 1]!) / 2),
  }));
}

export interface RgbImage {
  readonly width: number;
  readonly height: number;
  /** R, G, B per pixel, 0…255, row by row. */
  readonly rgb: Float32Array;
}

/**
 * RGBA → RGB composited over white (a transparent pixel is empty glass), resampled by `factor`
 * (output px per input px): each output pixel is the mean of the input pixels under it, so
 * reading a ×20 region for a ×10 model averages 2 × 2 blocks.
 */
export function rgbAtScale(rgba: Uint8ClampedArray, width: number, height: number, factor: number): RgbImage {
  if (rgba.length !== width * height * 4) throw new RangeError(`RGBA buffer holds ${rgba.length} bytes, not ${width} × ${height} × 4`);
  if (factor === 1) return { width, height, rgb: overWhite(rgba) };
  const outWidth = Math.max(1, Math.round(width * factor));
  const outHeight = Math.max(1, Math.round(height * factor));
  const rgb = new Float32Array(outWidth * outHeight * 3);
  const range = (o: number, limit: number): [number, number] => {
    const first = Math.min(limit - 1, Math.floor(o / factor));
    return [first, Math.max(first + 1, Math.min(limit, Math.ceil((o + 1) / factor)))];
  };
  for (let oy = 0; oy < outHeight; oy += 1) {
    const [y0, y1] = range(oy, height);
    for (let ox = 0; ox < outWidth; ox += 1) {
      const [x0, x1] = range(ox, width);
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = y0; y < y1; y += 1) {
        for (let x = x0; x < x1; x += 1) {
          const i = (y * width + x) * 4;
          const alpha = rgba[i + 3]! / 255;
          const glass = 255 * (1 - alpha);
          r += rgba[i]! * alpha + glass;
          g += rgba[i + 1]! * alpha + glass;
          b += rgba[i + 2]! * alpha + glass;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (oy * outWidth + ox) * 3;
      rgb[o] = r / n;
      rgb[o + 1] = g / n;
      rgb[o + 2] = b / n;
    }
  }
  return { width: outWidth, height: outHeight, rgb };
}

function overWhite(rgba: Uint8ClampedArray): Float32Array {
  const rgb = new Float32Array((rgba.length / 4) * 3);
  for (let i = 0, o = 0; i < rgba.length; i += 4, o += 3) {
    const alpha = rgba[i + 3]! / 255;
    const glass = 255 * (1 - alpha);
    rgb[o] = rgba[i]! * alpha + glass;
    rgb[o + 1] = rgba[i + 1]! * alpha + glass;
    rgb[o + 2] = rgba[i + 2]! * alpha + glass;
  }
  return rgb;
}
