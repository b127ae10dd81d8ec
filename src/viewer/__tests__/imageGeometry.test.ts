import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { hasSampleData, sampleDataDir } from '../../../server/testing/sampleData';
import { imagePixelToWorld, pixelIndex, storedToModality, type ImagePlane } from '../imageGeometry';

const axial: ImagePlane = {
  imagePositionPatient: [-100, -120, 50],
  rowCosines: [1, 0, 0],
  columnCosines: [0, 1, 0],
  rowPixelSpacing: 0.5,
  columnPixelSpacing: 0.25,
};

describe('imagePixelToWorld', () => {
  it('puts the first pixel centre at ImagePositionPatient', () => {
    expect(imagePixelToWorld(axial, 0, 0)).toEqual([-100, -120, 50]);
  });

  it('steps columns along the row direction by the column spacing, rows along the column direction', () => {
    expect(imagePixelToWorld(axial, 0, 4)).toEqual([-99, -120, 50]);
    expect(imagePixelToWorld(axial, 4, 0)).toEqual([-100, -118, 50]);
  });
});

if (!hasSampleData()) console.log(`sample data not found at ${sampleDataDir()}: tilted-geometry case did not run`);

describe.runIf(hasSampleData())('imagePixelToWorld on the real 18.5° tilted GE slice', () => {
  it('moves down the image partly in y and partly in z, as the gantry tilt says', () => {
    const file = readFileSync(join(sampleDataDir(), 'radiology/ct-head-series-ge/07.dcm'));
    const dataSet = dicomParser.parseDicom(new Uint8Array(file));
    const numbers = (tag: string) => (dataSet.string(tag) ?? '').split('\\').map(Number);
    const [r0, r1, r2, c0, c1, c2] = numbers('x00200037') as [number, number, number, number, number, number];
    const [ipp0, ipp1, ipp2] = numbers('x00200032') as [number, number, number];
    const [rowSpacing, columnSpacing] = numbers('x00280030') as [number, number];
    const plane: ImagePlane = {
      imagePositionPatient: [ipp0, ipp1, ipp2],
      rowCosines: [r0, r1, r2],
      columnCosines: [c0, c1, c2],
      rowPixelSpacing: rowSpacing,
      columnPixelSpacing: columnSpacing,
    };
    const origin = imagePixelToWorld(plane, 0, 0);
    const down = imagePixelToWorld(plane, 100, 0);
    const right = imagePixelToWorld(plane, 0, 100);
    const tilt = (Math.atan2(-(down[2] - origin[2]), down[1] - origin[1]) * 180) / Math.PI;
    expect(tilt).toBeCloseTo(18.5, 0);
    expect(right[0] - origin[0]).toBeCloseTo(100 * columnSpacing, 6);
    expect(right[2] - origin[2]).toBeCloseTo(0, 6);
  });
});

describe('storedToModality', () => {
  it('applies the rescale unless the loader already did', () => {
    expect(storedToModality(1000, { slope: 1, intercept: -1024, scaled: false })).toBe(-24);
    expect(storedToModality(10, { slope: 2.5, intercept: 4, scaled: false })).toBe(29);
    expect(storedToModality(-24, { slope: 1, intercept: -1024, scaled: true })).toBe(-24);
  });
});

describe('pixelIndex', () => {
  it('is row-major', () => {
    expect(pixelIndex(0, 0, 4, 5)).toBe(0);
    expect(pixelIndex(2, 3, 4, 5)).toBe(13);
  });

  it('refuses pixels outside the image or between pixels', () => {
    expect(() => pixelIndex(4, 0, 4, 5)).toThrow(RangeError);
    expect(() => pixelIndex(0, -1, 4, 5)).toThrow(RangeError);
    expect(() => pixelIndex(1.5, 0, 4, 5)).toThrow(RangeError);
  });
});
