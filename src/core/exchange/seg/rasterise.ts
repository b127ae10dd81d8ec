/**
 * Polygons → a labelmap: a pixel is set when its centre (c + 0.5, r + 0.5) lies inside by the
 * even-odd rule over every ring (holes included), scanline by scanline.
 */
import type { PolygonRings, Ring } from '../../annotation';

export function rasterisePolygons(polygons: readonly PolygonRings[], width: number, height: number): Uint8Array {
  const rings: Ring[] = polygons.flatMap((p) => [p.points, ...(p.holes ?? [])]);
  const out = new Uint8Array(width * height);
  for (let row = 0; row < height; row += 1) {
    const y = row + 0.5;
    const crossings: number[] = [];
    for (const ring of rings) {
      ring.forEach(([x0, y0], i) => {
        const [x1, y1] = ring[(i + 1) % ring.length]!;
        // Half-open in y, so a vertex on the scanline counts once.
        if (y0 <= y !== y1 <= y) crossings.push(x0 + ((y - y0) / (y1 - y0)) * (x1 - x0));
      });
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      // Columns whose centre lies in [from, to).
      const first = Math.max(0, Math.ceil(crossings[k]! - 0.5));
      const last = Math.min(width - 1, Math.ceil(crossings[k + 1]! - 0.5) - 1);
      if (last >= first) out.fill(1, row * width + first, row * width + last + 1);
    }
  }
  return out;
}
