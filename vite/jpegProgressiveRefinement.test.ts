import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSampleData, sampleDataDir } from '../server/testing/sampleData';
import { patchJpegLevelShift } from './jpeg12BitLevelShift';
import { patchProgressiveRefinement } from './jpegProgressiveRefinement';

const jpegCodecSource = readFileSync(
  fileURLToPath(new URL('../node_modules/@cornerstonejs/dicom-image-loader/dist/esm/codecs/jpeg.js', import.meta.url)),
  'utf8',
);
const FIXTURES = fileURLToPath(new URL('../e2e/fixtures/odd-dicom/', import.meta.url));
const PROGRESSIVE = 'jpeg_progressive_12bit.dcm';
const SIZE = 512;

describe('patchProgressiveRefinement', () => {
  it('refines AC coefficients by magnitude in all three places', () => {
    const patched = patchProgressiveRefinement(jpegCodecSource);
    expect(patched).not.toContain('component.blockData[offset + z] += readBit() << successive;');
    expect(patched.split('(component.blockData[offset + z] < 0 ? -1 : 1) * (readBit() << successive)')).toHaveLength(4);
  });

  it('fails loudly when the decoder source is not the one it was written for', () => {
    const patched = patchProgressiveRefinement(jpegCodecSource);
    expect(() => patchProgressiveRefinement(patched)).toThrow(/found 0×.*decoder changed/);
  });
});

interface JpegImage {
  parse(data: Uint8Array): void;
  getData16(width: number, height: number): Uint16Array;
}
type JpegImageClass = new () => JpegImage;
type ValuePoint = { row: number; column: number; value: number };

function dataSetOf(path: string): DataSet {
  return dicomParser.parseDicom(new Uint8Array(readFileSync(path)));
}

function toHu(dataSet: DataSet, stored: ArrayLike<number>): Float64Array {
  const slope = dataSet.floatString('x00281053') ?? 1;
  const intercept = dataSet.floatString('x00281052') ?? 0;
  return Float64Array.from(stored, (value) => value * slope + intercept);
}

describe('12-bit progressive JPEG decoded by the patched loader codec', () => {
  let workDir = '';
  let levelShiftOnly: JpegImageClass;
  let patched: JpegImageClass;
  const dataSet = dataSetOf(join(FIXTURES, PROGRESSIVE));
  const element = dataSet.elements.x7fe00010!;
  const frame = dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, element, 0, element.fragments?.length);
  const decodeHu = (Decoder: JpegImageClass) => {
    const image = new Decoder();
    image.parse(frame);
    return toHu(dataSet, image.getData16(SIZE, SIZE));
  };

  /** jpeg.js imports nothing, so each version loads on its own from a temporary file. */
  async function load(name: string, source: string): Promise<JpegImageClass> {
    const path = join(workDir, name);
    writeFileSync(path, source);
    return ((await import(pathToFileURL(path).href)) as { default: JpegImageClass }).default;
  }

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'mejirushi-jpeg-progressive-'));
    const levelShifted = patchJpegLevelShift(jpegCodecSource);
    levelShiftOnly = await load('level-shift.mjs', levelShifted);
    patched = await load('patched.mjs', patchProgressiveRefinement(levelShifted));
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it("gives DCMTK's decode within one stored unit at every reference point", () => {
    const { points } = (JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, { points: ValuePoint[] }>)[PROGRESSIVE]!;
    const worst = (hu: Float64Array) => Math.max(...points.map(({ row, column, value }) => Math.abs(hu[row * SIZE + column]! - value)));
    const slope = dataSet.floatString('x00281053') ?? 1;
    expect(worst(decodeHu(patched))).toBeLessThanOrEqual(slope * 1.001);
    expect(worst(decodeHu(levelShiftOnly))).toBeGreaterThan(slope * 20);
  });

  it.runIf(hasSampleData())('is as close to the lossless slice as DCMTK (3.84 HU mean absolute error; 6.76 before)', () => {
    const reference = dataSetOf(join(sampleDataDir(), 'radiology/dicom-encodings/ct-chest-ge-all-syntaxes/ct_explicit_le.dcm'));
    const pixels = reference.elements.x7fe00010!;
    const referenceHu = toHu(reference, new Int16Array(reference.byteArray.slice(pixels.dataOffset, pixels.dataOffset + pixels.length).buffer));
    const meanAbsolute = (hu: Float64Array) => hu.reduce((sum, value, i) => sum + Math.abs(value - referenceHu[i]!), 0) / hu.length;
    expect(meanAbsolute(decodeHu(patched))).toBeLessThan(3.9);
    expect(meanAbsolute(decodeHu(levelShiftOnly))).toBeGreaterThan(6);
  });
});
