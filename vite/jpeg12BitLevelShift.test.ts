import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import dicomParser from 'dicom-parser';
import type { DataSet } from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSampleData, sampleDataDir } from '../server/testing/sampleData';
import { isJpegCodecModule, patchJpegLevelShift } from './jpeg12BitLevelShift';

const JPEG_CODEC_PATH = fileURLToPath(
  new URL('../node_modules/@cornerstonejs/dicom-image-loader/dist/esm/codecs/jpeg.js', import.meta.url),
);
const jpegCodecSource = readFileSync(JPEG_CODEC_PATH, 'utf8');

describe('patchJpegLevelShift', () => {
  it('replaces the 8-bit-only level shift and upper clamp', () => {
    const patched = patchJpegLevelShift(jpegCodecSource);
    expect(patched).not.toContain('2056 / component.bitConversion');
    expect(patched).not.toContain('2024 / component.bitConversion');
    expect(patched.split('(255 / component.bitConversion * 8 + 16)')).toHaveLength(3);
    expect(patched.split('(255 / component.bitConversion * 8 - 16)')).toHaveLength(2);
  });

  it('fails loudly when the decoder source is not the one it was written for', () => {
    expect(() => patchJpegLevelShift('export default class JpegImage {}')).toThrow(
      /expected "2056 \/ component\.bitConversion" 2× .* found 0×/,
    );
    const alreadyPatched = patchJpegLevelShift(jpegCodecSource);
    expect(() => patchJpegLevelShift(alreadyPatched)).toThrow(/Cornerstone's JPEG decoder changed/);
  });

  it('matches only the loader codec module, whatever the path style or query', () => {
    expect(isJpegCodecModule(JPEG_CODEC_PATH)).toBe(true);
    expect(isJpegCodecModule(`${JPEG_CODEC_PATH}?v=1a2b3c`)).toBe(true);
    expect(
      isJpegCodecModule('C:\\app\\node_modules\\@cornerstonejs\\dicom-image-loader\\dist\\esm\\codecs\\jpeg.js'),
    ).toBe(true);
    expect(isJpegCodecModule(JPEG_CODEC_PATH.replace('codecs/jpeg.js', 'codecs/jpegLossless.js'))).toBe(false);
    expect(isJpegCodecModule('/app/src/jpeg.js')).toBe(false);
  });
});

/** The decoder's class, as far as this test uses it (jpeg.js is untyped). */
interface JpegImage {
  parse(data: Uint8Array): void;
  getData16(width: number, height: number): Uint16Array;
}
type JpegImageClass = new () => JpegImage;

const ENCODINGS = 'radiology/dicom-encodings/ct-chest-ge-all-syntaxes';
const SIZE = 512;

function readDataSet(name: string): DataSet {
  return dicomParser.parseDicom(new Uint8Array(readFileSync(join(sampleDataDir(), ENCODINGS, name))));
}

function pixelDataElement(dataSet: DataSet) {
  const element = dataSet.elements.x7fe00010;
  if (!element) throw new Error('no PixelData');
  return element;
}

function toHu(dataSet: DataSet, stored: ArrayLike<number>): Float64Array {
  const slope = dataSet.floatString('x00281053') ?? 1;
  const intercept = dataSet.floatString('x00281052') ?? 0;
  return Float64Array.from(stored, (value) => value * slope + intercept);
}

/** ct_explicit_le.dcm: native, signed 16-bit. */
function referenceHu(): Float64Array {
  const dataSet = readDataSet('ct_explicit_le.dcm');
  const { dataOffset, length } = pixelDataElement(dataSet);
  return toHu(dataSet, new Int16Array(dataSet.byteArray.slice(dataOffset, dataOffset + length).buffer));
}

function jpegFrame(dataSet: DataSet): Uint8Array {
  const element = pixelDataElement(dataSet);
  return dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, element, 0, element.fragments?.length);
}

function decode(Decoder: JpegImageClass, frame: Uint8Array): Uint16Array {
  const image = new Decoder();
  image.parse(frame);
  return image.getData16(SIZE, SIZE);
}

function meanDifference(actual: Float64Array, expected: Float64Array): { mean: number; meanAbsolute: number } {
  let sum = 0;
  let sumAbsolute = 0;
  for (let i = 0; i < expected.length; i++) {
    const difference = actual[i]! - expected[i]!;
    sum += difference;
    sumAbsolute += Math.abs(difference);
  }
  return { mean: sum / expected.length, meanAbsolute: sumAbsolute / expected.length };
}

describe.runIf(hasSampleData())('12-bit JPEG Extended decoded by the patched loader codec', () => {
  let workDir = '';
  let original: JpegImageClass;
  let patched: JpegImageClass;

  /** jpeg.js imports nothing, so each version loads on its own from a temporary file. */
  async function load(name: string, source: string): Promise<JpegImageClass> {
    const path = join(workDir, name);
    writeFileSync(path, source);
    const module = (await import(pathToFileURL(path).href)) as { default: JpegImageClass };
    return module.default;
  }

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'mejirushi-jpeg-codec-'));
    original = await load('original.mjs', jpegCodecSource);
    patched = await load('patched.mjs', patchJpegLevelShift(jpegCodecSource));
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('reads the same HU as the uncompressed slice, within the lossy error', () => {
    const dataSet = readDataSet('ct_jpeg_extended_12bit.dcm');
    const frame = jpegFrame(dataSet);
    const reference = referenceHu();

    // Measured: +29.0 HU mean before the fix (15 stored units × slope 2.0002); −0.99 HU mean and
    // 3.84 HU mean absolute after it, i.e. the encoder's 2 HU quantisation plus the lossy error.
    const before = meanDifference(toHu(dataSet, decode(original, frame)), reference);
    expect(before.mean).toBeGreaterThan(28);
    expect(before.mean).toBeLessThan(30);

    const after = meanDifference(toHu(dataSet, decode(patched, frame)), reference);
    expect(Math.abs(after.mean)).toBeLessThan(1.5);
    expect(after.meanAbsolute).toBeLessThan(4.5);
  });

  it('moves every 12-bit sample down by exactly the 15 stored units of the old offset', () => {
    const frame = jpegFrame(readDataSet('ct_jpeg_extended_12bit.dcm'));
    const before = decode(original, frame);
    const after = decode(patched, frame);
    expect(new Set(before.map((value, i) => value - after[i]!))).toEqual(new Set([15]));
  });

  it('leaves 8-bit decoding unchanged', () => {
    const frame = jpegFrame(readDataSet('ct_jpeg_baseline_8bit.dcm'));
    const before = decode(original, frame);
    const after = decode(patched, frame);
    expect(after.filter((value, i) => value !== before[i])).toHaveLength(0);
  });
});
