/** Deterministic pseudo-random numbers from integer coordinates: the same cell gives the same value on every run and machine. */

/** A 32-bit integer hash of (a, b, salt) (the "lowbias32" finaliser over a combined key). */
export function hash3(a: number, b: number, salt: number): number {
  let h = (Math.imul(a | 0, 0x27d4eb2d) ^ Math.imul(b | 0, 0x165667b1) ^ Math.imul(salt | 0, 0x9e3779b9)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A value in [0, 1) from (a, b, salt). */
export function unit(a: number, b: number, salt: number): number {
  return hash3(a, b, salt) / 4294967296;
}

/**
 * Smooth value noise in [0, 1] at (x, y) with features of `scale` units: bilinear with a smoothstep
 * between hashed lattice values. Band-limited, so a coarser level drawn from it looks like a
 * downsample of a finer one.
 */
export function valueNoise(x: number, y: number, scale: number, salt: number): number {
  const gx = x / scale;
  const gy = y / scale;
  const x0 = Math.floor(gx);
  const y0 = Math.floor(gy);
  const fx = gx - x0;
  const fy = gy - y0;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const top = unit(x0, y0, salt) + (unit(x0 + 1, y0, salt) - unit(x0, y0, salt)) * sx;
  const bottom = unit(x0, y0 + 1, salt) + (unit(x0 + 1, y0 + 1, salt) - unit(x0, y0 + 1, salt)) * sx;
  return top + (bottom - top) * sy;
}
