import { describe, expect, it } from 'vitest';
import { clampPoint, dedupeRing, imagePoint, roundCoordinate } from './round';

describe('coordinates as tools keep them', () => {
  it('rounds to 0.01 px, giving the nearest decimal and no negative zero', () => {
    expect(roundCoordinate(12.345678)).toBe(12.35);
    expect(roundCoordinate(0.1 + 0.2)).toBe(0.3);
    expect(Object.is(roundCoordinate(-0.001), 0)).toBe(true);
  });

  it('clamps a point into the image, edges included', () => {
    const image = { width: 100, height: 50 };
    expect(clampPoint([-5, 60], image)).toEqual([0, 50]);
    expect(clampPoint([100, 0], image)).toEqual([100, 0]);
    expect(imagePoint([120.456, 10.004], image)).toEqual([100, 10]);
  });

  it('drops repeated vertices, the closing repeat included', () => {
    expect(dedupeRing([[0, 0], [0, 0], [1, 0], [1, 1], [1, 1], [0, 0]])).toEqual([[0, 0], [1, 0], [1, 1]]);
  });
});
