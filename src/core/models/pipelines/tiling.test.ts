import { describe, expect, it } from 'vitest';
import { rgbAtScale, tileSpans } from './tiling';

describe('tileSpans', () => {
  it('one tile when the image fits', () => {
    expect(tileSpans(300, 512, 32)).toEqual([{ start: 0, size: 300, coreStart: 0, coreEnd: 300 }]);
  });

  it('as few tiles as overlap by at least the overlap, edge to edge, with cores that partition the image', () => {
    for (const length of [513, 992, 993, 1000, 2048, 5000]) {
      const spans = tileSpans(length, 512, 32);
      expect(spans.length).toBe(Math.ceil((length - 32) / 480));
      expect(spans[0]!.start).toBe(0);
      expect(spans.at(-1)!.start + 512).toBe(length);
      expect(spans[0]!.coreStart).toBe(0);
      expect(spans.at(-1)!.coreEnd).toBe(length);
      spans.slice(1).forEach((span, i) => {
        const before = spans[i]!;
        expect(before.start + before.size - span.start).toBeGreaterThanOrEqual(32);
        expect(span.coreStart).toBe(before.coreEnd);
        // The core stays at least half the overlap away from the tile's own edges.
        expect(span.coreStart - span.start).toBeGreaterThanOrEqual(16);
        expect(before.start + before.size - before.coreEnd).toBeGreaterThanOrEqual(16);
      });
    }
  });

  it('refuses an overlap as large as the tile', () => {
    expect(() => tileSpans(1000, 32, 32)).toThrow(/cannot overlap/);
  });
});

describe('rgbAtScale', () => {
  it('keeps RGB at factor 1 and composites transparent pixels over white glass', () => {
    const rgba = Uint8ClampedArray.from([10, 20, 30, 255, 0, 0, 0, 0]);
    expect(Array.from(rgbAtScale(rgba, 2, 1, 1).rgb)).toEqual([10, 20, 30, 255, 255, 255]);
  });

  it('averages 2 × 2 blocks at factor 0.5', () => {
    const rgba = new Uint8ClampedArray(4 * 4 * 4).fill(255);
    for (const i of [0, 1, 4, 5]) rgba.set([0, 100, 200, 255], i * 4);
    const image = rgbAtScale(rgba, 4, 4, 0.5);
    expect([image.width, image.height]).toEqual([2, 2]);
    expect(Array.from(image.rgb.slice(0, 6))).toEqual([0, 100, 200, 255, 255, 255]);
  });
});
