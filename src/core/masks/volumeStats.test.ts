import { describe, expect, it } from 'vitest';
import { slicePartial, VolumeStats } from './volumeStats';

const VOXEL = { pixelSpacing: [0.5, 0.5] as const, sliceSpacing: 5 };

describe('slicePartial', () => {
  it('counts the set pixels and sums their HU', () => {
    expect(slicePartial([1, 2, 1, 1], [100, 60, 80, 0, 70])).toEqual({ pixels: 3, huSum: 210 });
    expect(slicePartial([5], [1, 2, 3, 4, 5])).toEqual({ pixels: 0, huSum: 0 });
  });
});

describe('VolumeStats', () => {
  it('sums slices into ml and mean HU, and moves by the difference when one slice changes', () => {
    const stats = new VolumeStats();
    expect(stats.stats('sah', VOXEL)).toEqual({ pixels: 0, volumeMl: 0, meanHu: null });
    stats.set('sah', 's1', { pixels: 400, huSum: 400 * 60 });
    stats.set('sah', 's2', { pixels: 400, huSum: 400 * 80 });
    stats.set('other', 's1', { pixels: 10, huSum: 0 });
    // 800 px × 0.25 mm² × 5 mm = 1000 mm³ = 1 ml.
    expect(stats.stats('sah', VOXEL)).toEqual({ pixels: 800, volumeMl: 1, meanHu: 70 });
    stats.set('sah', 's2', { pixels: 200, huSum: 200 * 90 });
    expect(stats.stats('sah', VOXEL)).toEqual({ pixels: 600, volumeMl: 0.75, meanHu: 70 });
    stats.set('sah', 's1', null);
    stats.set('sah', 's2', { pixels: 0, huSum: 0 });
    expect(stats.stats('sah', VOXEL)).toEqual({ pixels: 0, volumeMl: 0, meanHu: null });
    expect(stats.stats('other', VOXEL).pixels).toBe(10);
  });
});
