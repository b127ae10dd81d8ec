import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../item';
import { imageToPatient, patientToImage, sliceAt, type SlicePlane } from './geometry';

/** A slice tilted 20° about the patient's x axis (a gantry tilt), 0.4 × 0.6 mm pixels. */
const cos = Math.cos((20 * Math.PI) / 180);
const sin = Math.sin((20 * Math.PI) / 180);
const TILTED: SlicePlane = { position: [-100, -80, 30], orientation: [1, 0, 0, 0, cos, -sin], spacing: [0.6, 0.4] };

const close = (a: readonly number[], b: readonly number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 9));

describe('patient ↔ image', () => {
  it('puts ImagePositionPatient at the centre of the first pixel, (0.5, 0.5)', () => {
    close(imageToPatient(TILTED, [0.5, 0.5]), TILTED.position);
    close(patientToImage(TILTED, TILTED.position).point, [0.5, 0.5]);
  });

  it('steps a column along the row direction by the column spacing, a row down the column direction by the row spacing', () => {
    close(imageToPatient(TILTED, [1.5, 0.5]), [-99.6, -80, 30]);
    close(imageToPatient(TILTED, [0.5, 1.5]), [-100, -80 + 0.6 * cos, 30 - 0.6 * sin]);
  });

  it('maps back and forth, and measures the distance off the plane along its normal', () => {
    const p = imageToPatient(TILTED, [123.25, 40.75]);
    close(patientToImage(TILTED, p).point, [123.25, 40.75]);
    expect(patientToImage(TILTED, p).offset).toBeCloseTo(0, 9);
    const normal: Vec3 = [0, sin, cos];
    const above: Vec3 = [p[0] + 2 * normal[0], p[1] + 2 * normal[1], p[2] + 2 * normal[2]];
    expect(patientToImage(TILTED, above).offset).toBeCloseTo(2, 9);
    close(patientToImage(TILTED, above).point, [123.25, 40.75]);
  });

  it('finds the slice whose plane holds a point, or none beyond the tolerance', () => {
    const planes: SlicePlane[] = [0, 5, 10].map((z) => ({ position: [0, 0, z], orientation: [1, 0, 0, 0, 1, 0], spacing: [1, 1] }));
    expect(sliceAt(planes, [3, 4, 5.1], 2.5)).toBe(1);
    expect(sliceAt(planes, [3, 4, 9], 2.5)).toBe(2);
    expect(sliceAt(planes, [3, 4, 13], 2.5)).toBe(-1);
  });
});
