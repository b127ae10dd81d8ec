import { describe, expect, it } from 'vitest';
import type { Orientation, Vec3 } from './item';
import { orderSlices, sliceNormal, sliceSpacings } from './seriesOrder';

/**
 * Real geometry of the GE head CT in shared/data/radiology/ct-head-series-ge (read with
 * `dcmdump +P 0020,0032`): gantry tilt 18.5°, 4 mm slices up to instance 14, a 1.08 mm step to
 * instance 15, then 7 mm slices.
 */
const GE_ORIENTATION: Orientation = [1, 0, 0, 0, 0.9483237, -0.3173047];
const GE: { file: string; instanceNumber: number; position: Vec3 }[] = [
  { file: '01.dcm', instanceNumber: 1, position: [-125, -123.5404569, 5.8360586] },
  { file: '02.dcm', instanceNumber: 2, position: [-125, -123.5404569, 10.0560586] },
  { file: '13.dcm', instanceNumber: 13, position: [-125, -123.5404569, 56.4760586] },
  { file: '14.dcm', instanceNumber: 14, position: [-125, -123.5404569, 60.6960586] },
  { file: '15.dcm', instanceNumber: 15, position: [-125, -123.5404569, 61.8360586] },
  { file: '16.dcm', instanceNumber: 16, position: [-125, -123.5404569, 69.2160586] },
  { file: '17.dcm', instanceNumber: 17, position: [-125, -123.5404569, 76.5960586] },
  { file: '28.dcm', instanceNumber: 28, position: [-125, -123.5404569, 157.7760586] },
];
const SHUFFLED = [5, 0, 7, 3, 1, 6, 2, 4].map((i) => GE[i]!);

describe('sliceNormal', () => {
  it('is z for a plain axial series', () => {
    expect(sliceNormal([1, 0, 0, 0, 1, 0])).toEqual([0, 0, 1]);
  });

  it('is tilted by the gantry angle for the GE series', () => {
    const n = sliceNormal(GE_ORIENTATION);
    expect(n[0]).toBeCloseTo(0, 9);
    expect(n[1]).toBeCloseTo(0.3173047, 6);
    expect(n[2]).toBeCloseTo(0.9483237, 6);
    // 18.5° between the normal and the scanner's z axis.
    expect((Math.acos(n[2]) * 180) / Math.PI).toBeCloseTo(18.5, 1);
  });

  it('is normalised even when the cosines are not', () => {
    const n = sliceNormal([2, 0, 0, 0, 2, 0]);
    expect(Math.hypot(...n)).toBeCloseTo(1, 12);
  });

  it('refuses degenerate orientations', () => {
    expect(() => sliceNormal([1, 0, 0, 1, 0, 0])).toThrow(RangeError);
    expect(() => sliceNormal([0, 0, 0, 0, 0, 0])).toThrow(RangeError);
  });
});

describe('orderSlices', () => {
  it('orders the shuffled GE slices feet to head by position', () => {
    expect(orderSlices(SHUFFLED, GE_ORIENTATION).map((s) => s.file)).toEqual(GE.map((s) => s.file));
  });

  it('trusts position over misleading instance numbers', () => {
    const lying = SHUFFLED.map((s) => ({ ...s, instanceNumber: 100 - s.instanceNumber }));
    expect(orderSlices(lying, GE_ORIENTATION).map((s) => s.file)).toEqual(GE.map((s) => s.file));
  });

  it('orders a sagittal series along x, where z says nothing', () => {
    // Row along +y (posterior), column along -z (feet): normal = -x.
    const sagittal: Orientation = [0, 1, 0, 0, 0, -1];
    const slices = [10, -20, 0, 35].map((x, i) => ({ name: `x${x}`, instanceNumber: i + 1, position: [x, -100, 80] as Vec3 }));
    expect(orderSlices(slices, sagittal).map((s) => s.name)).toEqual(['x35', 'x10', 'x0', 'x-20']);
  });

  it('orders a tilted series whose positions step along the tilted normal', () => {
    const n = sliceNormal(GE_ORIENTATION);
    const origin: Vec3 = [-125, -130, 0];
    const at = (d: number): Vec3 => [origin[0] + d * n[0], origin[1] + d * n[1], origin[2] + d * n[2]];
    const depths = [0, 5, 2.5, 12, 7.5];
    const slices = depths.map((d) => ({ d, instanceNumber: null, position: at(d) }));
    expect(orderSlices(slices, GE_ORIENTATION).map((s) => s.d)).toEqual([0, 2.5, 5, 7.5, 12]);
  });

  it('falls back to instance number without orientation or with a missing position', () => {
    const noGeometry = orderSlices(SHUFFLED, null).map((s) => s.instanceNumber);
    expect(noGeometry).toEqual([1, 2, 13, 14, 15, 16, 17, 28]);
    const oneMissing = SHUFFLED.map((s, i) => (i === 0 ? { ...s, position: null } : s));
    expect(orderSlices(oneMissing, GE_ORIENTATION).map((s) => s.instanceNumber)).toEqual([1, 2, 13, 14, 15, 16, 17, 28]);
  });

  it('keeps input order for ties and puts unnumbered slices last', () => {
    const slices = [
      { id: 'a', instanceNumber: null, position: null },
      { id: 'b', instanceNumber: 2, position: null },
      { id: 'c', instanceNumber: null, position: null },
      { id: 'd', instanceNumber: 1, position: null },
      { id: 'e', instanceNumber: 2, position: null },
    ];
    expect(orderSlices(slices, null).map((s) => s.id)).toEqual(['d', 'b', 'e', 'a', 'c']);
  });

  it('breaks ties between frames in one plane by instance number', () => {
    const p: Vec3 = [0, 0, 10];
    const slices = [
      { id: 'late', instanceNumber: 2, position: [0, 0, 10.0000001] as Vec3 },
      { id: 'early', instanceNumber: 1, position: p },
    ];
    expect(orderSlices(slices, [1, 0, 0, 0, 1, 0]).map((s) => s.id)).toEqual(['early', 'late']);
  });

  it('ignores a degenerate orientation rather than failing', () => {
    expect(orderSlices(SHUFFLED, [0, 0, 0, 0, 0, 0]).map((s) => s.instanceNumber)).toEqual([1, 2, 13, 14, 15, 16, 17, 28]);
  });

  it('does not modify its input', () => {
    const input = [...SHUFFLED];
    orderSlices(input, GE_ORIENTATION);
    expect(input).toEqual(SHUFFLED);
  });
});

describe('sliceSpacings', () => {
  it('shows the uneven spacing of the GE series: 4 mm, then 1.08 mm, then 7 mm', () => {
    const spacings = sliceSpacings(orderSlices(SHUFFLED, GE_ORIENTATION), GE_ORIENTATION)!;
    expect(spacings).toHaveLength(7);
    expect(spacings[0]).toBeCloseTo(4.0019, 3);
    expect(spacings[2]).toBeCloseTo(4.0019, 3);
    expect(spacings[3]).toBeCloseTo(1.0811, 3);
    expect(spacings[4]).toBeCloseTo(6.9986, 3);
    expect(spacings[5]).toBeCloseTo(6.9986, 3);
    // Across the slices left out of this sample (02→13, 17→28) the z steps add up.
    expect(spacings[1]).toBeCloseTo(46.42 * 0.9483237, 3);
    expect(spacings[6]).toBeCloseTo(81.18 * 0.9483237, 3);
  });

  it('measures along the normal, not along z (which would overstate by 1/cos 18.5°)', () => {
    const [first] = sliceSpacings(GE.slice(0, 2), GE_ORIENTATION)!;
    expect(first).toBeCloseTo(4.22 * Math.cos((18.5 * Math.PI) / 180), 2);
    expect(first).not.toBeCloseTo(4.22, 1);
  });

  it('is null without geometry and empty for one slice', () => {
    expect(sliceSpacings(GE, null)).toBeNull();
    expect(sliceSpacings([{ position: null, instanceNumber: 1 }], GE_ORIENTATION)).toBeNull();
    expect(sliceSpacings(GE.slice(0, 1), GE_ORIENTATION)).toEqual([]);
  });
});
