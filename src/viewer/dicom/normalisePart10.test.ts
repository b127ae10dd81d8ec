import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { normalisePart10, UnsupportedImageError } from './normalisePart10';
import { readPart10, rewritePart10, textValue } from './part10';

const fixture = (name: string) => fileURLToPath(new URL(`../../../e2e/fixtures/odd-dicom/${name}`, import.meta.url));
const bytesOf = (name: string): ArrayBuffer => {
  const file = readFileSync(fixture(name));
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
};
type RgbPoint = { row: number; column: number; rgb: [number, number, number] };
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as Record<string, { points: RgbPoint[] }>;

function parsed(buffer: ArrayBuffer) {
  return dicomParser.parseDicom(new Uint8Array(buffer));
}

/** Largest difference between the rewritten file's RGB and the reference pydicom decoded. */
function worstRgbDifference(buffer: ArrayBuffer, name: string): number {
  const data = parsed(buffer);
  const columns = data.uint16('x00280011') ?? 0;
  const pixels = data.elements.x7fe00010!;
  const rgb = new Uint8Array(buffer, pixels.dataOffset, pixels.length);
  const points = expected[name]?.points ?? [];
  expect(points.length).toBeGreaterThan(10);
  return Math.max(...points.flatMap(({ row, column, rgb: want }) => want.map((v, c) => Math.abs((rgb[(row * columns + column) * 3 + c] ?? -999) - v))));
}

function expectPlainRgb(buffer: ArrayBuffer): void {
  const data = parsed(buffer);
  expect(data.string('x00280004')).toBe('RGB');
  expect([data.uint16('x00280002'), data.uint16('x00280006'), data.uint16('x00280100'), data.uint16('x00280101')]).toEqual([3, 0, 8, 8]);
  expect(data.elements.x7fe00010!.length).toBeGreaterThanOrEqual((data.uint16('x00280010') ?? 0) * (data.uint16('x00280011') ?? 0) * 3);
}

describe('normalisePart10', () => {
  it('turns native palette colour with segmented 65,536-entry tables into the RGB pydicom gives', () => {
    const out = normalisePart10(bytesOf('palette_segmented_16bit.dcm'));
    expectPlainRgb(out);
    const data = parsed(out);
    for (const tag of ['x00281101', 'x00281221', 'x00281222', 'x00281223']) expect(data.elements[tag], tag).toBeUndefined();
    expect(worstRgbDifference(out, 'palette_segmented_16bit.dcm')).toBeLessThanOrEqual(1);
    expect(data.string('x00080018')).toBe(parsed(bytesOf('palette_segmented_16bit.dcm')).string('x00080018'));
  });

  it('turns native YBR_FULL_422 into the RGB pydicom gives', () => {
    const out = normalisePart10(bytesOf('ybr_full_422_native.dcm'));
    expectPlainRgb(out);
    expect(worstRgbDifference(out, 'ybr_full_422_native.dcm')).toBeLessThanOrEqual(1);
  });

  it('removes a PixelSpacing and ImagerPixelSpacing of 0\\0 and keeps everything else', () => {
    const input = bytesOf('cr_zero_pixel_spacing.dcm');
    const out = parsed(normalisePart10(input));
    const original = parsed(input);
    expect(original.string('x00280030')).toBe('0.0\\0.0');
    expect(out.elements.x00280030).toBeUndefined();
    expect(out.elements.x00181164).toBeUndefined();
    const pixels = (data: ReturnType<typeof parsed>) => {
      const element = data.elements.x7fe00010!;
      return [...data.byteArray.subarray(element.dataOffset, element.dataOffset + element.length)];
    };
    expect(pixels(out)).toEqual(pixels(original));
    expect(out.string('x00280004')).toBe('MONOCHROME2');
  });

  it('gives other files back untouched', () => {
    for (const name of ['j2k_signed_mismatch.dcm', 'float_pixel_data.dcm']) {
      const input = bytesOf(name);
      expect(normalisePart10(input), name).toBe(input);
    }
    const notDicom = new ArrayBuffer(300);
    expect(normalisePart10(notDicom)).toBe(notDicom);
  });

  it('joins each JPEG frame spread over several fragments into one, found by its start marker', () => {
    const input = bytesOf('jpeg_fragments_no_offsets.dcm');
    expect(parsed(input).elements.x7fe00010!.fragments!.length).toBeGreaterThan(6);
    const out = parsed(normalisePart10(input));
    const fragments = out.elements.x7fe00010!.fragments!;
    expect(fragments).toHaveLength(3);
    for (const { position, length } of fragments) {
      const frame = out.byteArray.subarray(position, position + length);
      expect([...frame.subarray(0, 2)]).toEqual([0xff, 0xd8]);
      expect([...frame.subarray(frame.length - 2)]).toEqual([0xff, 0xd9]);
    }
    const total = (data: ReturnType<typeof parsed>) => data.elements.x7fe00010!.fragments!.reduce((sum, f) => sum + f.length, 0);
    expect(total(out)).toBe(total(parsed(input)));
  });

  it('narrows Double Float Pixel Data to Float Pixel Data', () => {
    const out = parsed(normalisePart10(bytesOf('double_float_pixel_data.dcm')));
    expect(out.elements.x7fe00009).toBeUndefined();
    const element = out.elements.x7fe00008!;
    const floats = new Float32Array(out.byteArray.buffer.slice(out.byteArray.byteOffset + element.dataOffset, out.byteArray.byteOffset + element.dataOffset + element.length));
    const columns = out.uint16('x00280011') ?? 0;
    const points = (expected['double_float_pixel_data.dcm'] as unknown as { points: Array<{ row: number; column: number; value: number }> }).points;
    for (const { row, column, value } of points) expect(floats[row * columns + column]).toBeCloseTo(value, 6);
    expect(out.uint16('x00280100')).toBe(32);
  });

  it('refuses palette colour with segmented tables in compressed pixel data, which it cannot convert', () => {
    const part10 = readPart10(bytesOf('palette_segmented_16bit.dcm'))!;
    const meta = new Uint8Array(part10.bytes.subarray(0, part10.dataSetStart));
    const syntaxAt = new TextDecoder('latin1').decode(meta).indexOf('1.2.840.10008.1.2.1');
    meta.set(textValue('1.2.840.10008.1.2.5'.padEnd(19, '\0')), syntaxAt); // RLE Lossless, same length
    const rle = new Uint8Array(part10.bytes.length);
    rle.set(part10.bytes);
    rle.set(meta);
    expect(() => normalisePart10(rle.buffer)).toThrow(UnsupportedImageError);
  });
});

describe('rewritePart10', () => {
  it('replaces, removes and inserts top-level elements in tag order, copying the rest', () => {
    const input = bytesOf('cr_zero_pixel_spacing.dcm');
    const part10 = readPart10(input)!;
    const out = rewritePart10(
      part10,
      new Map([
        [0x00280030, { vr: 'DS', value: textValue('0.2\\0.2') }],
        [0x00181164, null],
        [0x00280051, { vr: 'CS', value: textValue('NOT_A_REAL_FLAG') }],
      ]),
    );
    const data = parsed(out);
    expect(data.string('x00280030')).toBe('0.2\\0.2');
    expect(data.elements.x00181164).toBeUndefined();
    expect(data.string('x00280051')).toBe('NOT_A_REAL_FLAG');
    const tags = readPart10(out)!.elements.map((element) => element.tag);
    expect(tags).toEqual([...tags].sort((a, b) => a - b));
    expect(readPart10(out)!.elements).toHaveLength(part10.elements.length);
  });

  it('reads files with undefined-length sequences and encapsulated pixel data', () => {
    const part10 = readPart10(bytesOf('jpeg_fragments_no_offsets.dcm'))!;
    const pixelData = part10.elements.at(-1)!;
    expect(pixelData.tag).toBe(0x7fe00010);
    expect(pixelData.end).toBe(part10.bytes.length);
  });
});
