/**
 * Images as planar float channels (one Float32Array per channel, row-major), the form every
 * preprocessing step works on before the planes are laid out as an NCHW tensor.
 */
export interface Planes {
  readonly width: number;
  readonly height: number;
  readonly channels: readonly Float32Array[];
}

/** R, G, B of an RGBA image scaled to [0, 1]; alpha is dropped. */
export function rgbPlanes(width: number, height: number, rgba: Uint8ClampedArray): Planes {
  const size = width * height;
  const channels = [new Float32Array(size), new Float32Array(size), new Float32Array(size)] as const;
  const [r, g, b] = channels;
  for (let i = 0, j = 0; i < size; i += 1, j += 4) {
    r[i] = (rgba[j] as number) / 255;
    g[i] = (rgba[j + 1] as number) / 255;
    b[i] = (rgba[j + 2] as number) / 255;
  }
  return { width, height, channels };
}

/** Hounsfield units clipped to the window [center − width/2, center + width/2] and scaled to [0, 1]. */
export function ctWindow(planes: Planes, center: number, width: number): Planes {
  const low = center - width / 2;
  return {
    ...planes,
    channels: planes.channels.map((channel) => {
      const out = new Float32Array(channel.length);
      for (let i = 0; i < channel.length; i += 1) {
        const v = ((channel[i] as number) - low) / width;
        out[i] = v < 0 ? 0 : v > 1 ? 1 : v;
      }
      return out;
    }),
  };
}

/** Per channel (x − mean) / std; one mean and std serve every channel. */
export function normalise(planes: Planes, mean: readonly number[], std: readonly number[]): Planes {
  return {
    ...planes,
    channels: planes.channels.map((channel, c) => {
      const m = (mean.length === 1 ? mean[0] : mean[c]) as number;
      const s = (std.length === 1 ? std[0] : std[c]) as number;
      const out = new Float32Array(channel.length);
      for (let i = 0; i < channel.length; i += 1) out[i] = ((channel[i] as number) - m) / s;
      return out;
    }),
  };
}

/** Where the source image lies in a resized one: resized px = source px × scale + pad. */
export interface Placement {
  readonly scaleX: number;
  readonly scaleY: number;
  readonly padX: number;
  readonly padY: number;
}

/**
 * Bilinear resize to `width` × `height`, pixel centres aligned. `letterbox` keeps the aspect ratio
 * and centres the image, padding with 0; `stretch` fills the whole size.
 */
export function resize(planes: Planes, width: number, height: number, mode: 'stretch' | 'letterbox'): { planes: Planes; placement: Placement } {
  let scaleX = width / planes.width;
  let scaleY = height / planes.height;
  let padX = 0;
  let padY = 0;
  let innerW = width;
  let innerH = height;
  if (mode === 'letterbox') {
    const scale = Math.min(scaleX, scaleY);
    scaleX = scale;
    scaleY = scale;
    innerW = Math.max(1, Math.round(planes.width * scale));
    innerH = Math.max(1, Math.round(planes.height * scale));
    padX = Math.floor((width - innerW) / 2);
    padY = Math.floor((height - innerH) / 2);
  }
  // Sample positions per column and row, computed once: source = (resized + 0.5) / scale − 0.5.
  const xs = samplePositions(innerW, planes.width);
  const ys = samplePositions(innerH, planes.height);
  const channels = planes.channels.map((channel) => {
    const out = new Float32Array(width * height);
    for (let y = 0; y < innerH; y += 1) {
      const y0 = ys.low[y] as number;
      const y1 = ys.high[y] as number;
      const fy = ys.fraction[y] as number;
      const row0 = y0 * planes.width;
      const row1 = y1 * planes.width;
      const outRow = (y + padY) * width + padX;
      for (let x = 0; x < innerW; x += 1) {
        const x0 = xs.low[x] as number;
        const x1 = xs.high[x] as number;
        const fx = xs.fraction[x] as number;
        const top = (channel[row0 + x0] as number) * (1 - fx) + (channel[row0 + x1] as number) * fx;
        const bottom = (channel[row1 + x0] as number) * (1 - fx) + (channel[row1 + x1] as number) * fx;
        out[outRow + x] = top * (1 - fy) + bottom * fy;
      }
    }
    return out;
  });
  return { planes: { width, height, channels }, placement: { scaleX, scaleY, padX, padY } };
}

function samplePositions(size: number, sourceSize: number): { low: Int32Array; high: Int32Array; fraction: Float32Array } {
  const low = new Int32Array(size);
  const high = new Int32Array(size);
  const fraction = new Float32Array(size);
  const step = sourceSize / size;
  for (let i = 0; i < size; i += 1) {
    const at = Math.min(Math.max((i + 0.5) * step - 0.5, 0), sourceSize - 1);
    const base = Math.floor(at);
    low[i] = base;
    high[i] = Math.min(base + 1, sourceSize - 1);
    fraction[i] = at - base;
  }
  return { low, high, fraction };
}
