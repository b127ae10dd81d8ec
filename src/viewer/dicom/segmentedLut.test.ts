import { describe, expect, it } from 'vitest';
import { expandSegmentedLut, paletteEntries, SegmentedLutError } from './segmentedLut';

describe('expandSegmentedLut', () => {
  it('copies discrete segments and steps linear ones from the previous entry', () => {
    const data = Uint16Array.from([0, 2, 10, 20, 1, 4, 60, 0, 1, 7]);
    expect([...expandSegmentedLut(data, 7)]).toEqual([10, 20, 30, 40, 50, 60, 7]);
  });

  it('rounds linear steps to the nearest entry, as pydicom does', () => {
    expect([...expandSegmentedLut(Uint16Array.from([0, 1, 0, 1, 3, 1]), 4)]).toEqual([0, 0, 1, 1]);
  });

  it('repeats the segments an indirect segment points back to', () => {
    // Two segments at word 0 (a 2-entry discrete one and a 1-step ramp), then both again.
    const data = Uint16Array.from([0, 2, 5, 6, 1, 1, 9, 2, 2, 0, 0]);
    expect([...expandSegmentedLut(data, 6)]).toEqual([5, 6, 9, 5, 6, 9]);
  });

  it('fills 65,536 entries when the descriptor says 0', () => {
    expect(paletteEntries(0)).toBe(65_536);
    expect(paletteEntries(256)).toBe(256);
    const ramp = expandSegmentedLut(Uint16Array.from([0, 1, 0, 1, 65_535, 65_535]), paletteEntries(0));
    expect(ramp).toHaveLength(65_536);
    expect([ramp[0], ramp[1], ramp[32_768], ramp[65_535]]).toEqual([0, 1, 32_768, 65_535]);
  });

  it('refuses data that do not fill the table or make no sense', () => {
    expect(() => expandSegmentedLut(Uint16Array.from([0, 2, 1, 2]), 4)).toThrow(SegmentedLutError);
    expect(() => expandSegmentedLut(Uint16Array.from([1, 3, 9]), 3)).toThrow(/no start value/);
    expect(() => expandSegmentedLut(Uint16Array.from([7, 1, 0]), 1)).toThrow(/unknown segment type 7/);
    expect(() => expandSegmentedLut(Uint16Array.from([0, 5, 1]), 5)).toThrow(/runs past/);
  });
});
