import { describe, expect, it } from 'vitest';
import {
  CT_PRESETS,
  firstWindow,
  formatWindow,
  greyForValue,
  isPresetName,
  rangeToWindow,
  sameWindow,
  windowToRange,
} from '../windowing';

describe('CT presets', () => {
  it('are the radiology conventions (HU)', () => {
    expect(CT_PRESETS.brain).toEqual({ width: 80, center: 40 });
    expect(CT_PRESETS.subdural).toEqual({ width: 200, center: 75 });
    expect(CT_PRESETS.stroke).toEqual({ width: 40, center: 40 });
    expect(CT_PRESETS.softTissue).toEqual({ width: 400, center: 40 });
    expect(CT_PRESETS.bone).toEqual({ width: 2800, center: 600 });
  });

  it('names only the known presets', () => {
    expect(isPresetName('brain')).toBe(true);
    expect(isPresetName('default')).toBe(true);
    expect(isPresetName('lung')).toBe(false);
  });
});

describe('window ↔ Cornerstone VOI range (DICOM linear function)', () => {
  it('maps the brain window to 0…79 HU', () => {
    expect(windowToRange(CT_PRESETS.brain)).toEqual({ lower: 0, upper: 79 });
  });

  it('round-trips every preset and a file window', () => {
    for (const window of [...Object.values(CT_PRESETS), { width: 100, center: 35 }, { width: 3.5, center: -2 }]) {
      expect(sameWindow(rangeToWindow(windowToRange(window)), window)).toBe(true);
    }
  });

  it('keeps a width-1 window a valid (non-empty) range', () => {
    const range = windowToRange({ width: 1, center: 10 });
    expect(range.upper).toBeGreaterThan(range.lower);
  });
});

describe('greyForValue', () => {
  const fileWindow = { width: 100, center: 35 };

  it('is black at and below the lower bound, white above the upper one', () => {
    expect(greyForValue(-15, fileWindow)).toBe(0);
    expect(greyForValue(-1000, fileWindow)).toBe(0);
    expect(greyForValue(84, fileWindow)).toBe(255);
    expect(greyForValue(3000, fileWindow)).toBe(255);
  });

  it('is linear in between (DICOM: c - 0.5 is mid-grey)', () => {
    expect(greyForValue(34.5, fileWindow)).toBe(128);
    expect(greyForValue(40, CT_PRESETS.brain)).toBe(Math.round((40 / 79) * 255));
  });

  it('inverts for MONOCHROME1', () => {
    expect(greyForValue(-15, fileWindow, true)).toBe(255);
    expect(greyForValue(84, fileWindow, true)).toBe(0);
  });
});

describe('firstWindow', () => {
  it('takes the first of multi-valued WindowCenter/WindowWidth', () => {
    expect(firstWindow([40, 300], [80, 1500])).toEqual({ width: 80, center: 40 });
    expect(firstWindow(35, 100)).toEqual({ width: 100, center: 35 });
  });

  it('is null without a usable window', () => {
    expect(firstWindow(undefined, 100)).toBeNull();
    expect(firstWindow(40, 0)).toBeNull();
    expect(firstWindow(Number.NaN, 80)).toBeNull();
  });
});

describe('formatWindow', () => {
  it('writes width/center, whole numbers for ordinary windows', () => {
    expect(formatWindow({ width: 80, center: 40 })).toBe('80/40');
    expect(formatWindow({ width: 259.6, center: 130.2 })).toBe('260/130');
    expect(formatWindow({ width: 2.345, center: 0.5 })).toBe('2.35/0.5');
  });
});
