/**
 * A class colour (`#rrggbb`, sRGB) as DICOM's Recommended Display CIELab Value (PS3.3 C.10.7.1.1):
 * L*a*b* under D65, scaled to 0…65535 (L* 0…100, a* and b* −128…127).
 */

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function f(t: number): number {
  return t > (6 / 29) ** 3 ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29;
}

export function labFromHex(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  const [r, g, b] = match ? [1, 2, 3].map((i) => linear(Number.parseInt(match[i]!, 16))) as [number, number, number] : [0.5, 0.5, 0.5];
  // sRGB → XYZ (D65), relative to the white point.
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const l = 116 * f(y) - 16;
  const a = 500 * (f(x) - f(y));
  const bStar = 200 * (f(y) - f(z));
  const scale = (v: number, min: number, max: number): number => Math.round(((Math.min(max, Math.max(min, v)) - min) / (max - min)) * 65535);
  return [scale(l, 0, 100), scale(a, -128, 127), scale(bStar, -128, 127)];
}
