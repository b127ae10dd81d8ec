import { describe, expect, it } from 'vitest';
import { baseMagnification, formatMagnification, magnificationAt, nextStep, scaleFor, stepsFor } from './magnification';

describe('magnification', () => {
  it('is the objective power at one screen px per level-0 px, else derived from the pixel size', () => {
    expect(baseMagnification({ objectivePower: 20, micronsPerPixel: [0.499, 0.499] })).toBe(20);
    expect(baseMagnification({ objectivePower: null, micronsPerPixel: [0.25, 0.25] })).toBe(40);
    expect(baseMagnification({ objectivePower: null, micronsPerPixel: null })).toBeNull();
    expect(baseMagnification({ objectivePower: 0, micronsPerPixel: null })).toBeNull();
  });

  it('offers the steps up to the scan objective', () => {
    expect(stepsFor(20)).toEqual([1.25, 2.5, 5, 10, 20]);
    expect(stepsFor(40)).toEqual([1.25, 2.5, 5, 10, 20, 40]);
    expect(stepsFor(10 / 0.5003)).toEqual([1.25, 2.5, 5, 10, 20]);
    expect(stepsFor(1)).toEqual([]);
  });

  it('converts between zoom and magnification', () => {
    expect(magnificationAt(0.5, 40)).toBe(20);
    expect(scaleFor(5, 20)).toBe(0.25);
  });

  it('steps to the next round magnification in either direction, from between steps too', () => {
    const steps = stepsFor(40);
    expect(nextStep(10, 1, steps)).toBe(20);
    expect(nextStep(10.000001, 1, steps)).toBe(20);
    expect(nextStep(7, 1, steps)).toBe(10);
    expect(nextStep(7, -1, steps)).toBe(5);
    expect(nextStep(40, 1, steps)).toBeNull();
    expect(nextStep(1.25, -1, steps)).toBeNull();
    expect(nextStep(0.3, 1, steps)).toBe(1.25);
  });

  it('is written as pathologists write it', () => {
    expect(formatMagnification(20)).toBe('×20');
    expect(formatMagnification(19.6)).toBe('×20');
    expect(formatMagnification(2.5)).toBe('×2.5');
    expect(formatMagnification(1.25)).toBe('×1.25');
    expect(formatMagnification(0.625)).toBe('×0.625');
  });
});
