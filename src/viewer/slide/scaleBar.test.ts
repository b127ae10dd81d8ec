import { describe, expect, it } from 'vitest';
import { formatLength, scaleBarFor } from './scaleBar';

describe('scale bar', () => {
  it('takes the longest 1-2-5 length that fits', () => {
    // 0.5 µm per screen px, 150 px of room = 75 µm: 50 µm over 100 px.
    expect(scaleBarFor(0.5, 150)).toEqual({ px: 100, microns: 50, label: '50 µm' });
    // 8 µm per px, 150 px = 1200 µm: 1 mm over 125 px.
    expect(scaleBarFor(8, 150)).toEqual({ px: 125, microns: 1000, label: '1 mm' });
    // 30 µm per px: 4500 µm of room, 2 mm.
    expect(scaleBarFor(30, 150)?.label).toBe('2 mm');
  });

  it('uses exact powers of ten', () => {
    expect(scaleBarFor(10, 100)).toEqual({ px: 100, microns: 1000, label: '1 mm' });
    expect(scaleBarFor(0.01, 100)).toEqual({ px: 100, microns: 1, label: '1 µm' });
  });

  it('never exceeds the room', () => {
    for (const micronsPerPx of [0.013, 0.25, 0.499, 3.7, 91, 1234]) {
      const bar = scaleBarFor(micronsPerPx, 160);
      expect(bar).not.toBeNull();
      expect(bar!.px).toBeLessThanOrEqual(160 + 1e-9);
      expect(bar!.px).toBeGreaterThan(160 / 5 - 1e-9);
    }
  });

  it('refuses nonsense', () => {
    expect(scaleBarFor(0, 100)).toBeNull();
    expect(scaleBarFor(Number.NaN, 100)).toBeNull();
    expect(scaleBarFor(1, 0)).toBeNull();
  });

  it('writes µm below a millimetre and mm above', () => {
    expect(formatLength(0.5)).toBe('0.5 µm');
    expect(formatLength(200)).toBe('200 µm');
    expect(formatLength(5000)).toBe('5 mm');
    expect(formatLength(20000)).toBe('20 mm');
  });
});
