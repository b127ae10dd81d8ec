import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { hasSampleData, sampleDataDir } from '../../../server/testing/sampleData';
import { EXPLICIT_LE, inflateIfDeflated } from '../cornerstone/inflatePart10';

const encodings = () => join(sampleDataDir(), 'radiology/dicom-encodings/ct-chest-ge-all-syntaxes');
const read = (name: string) => {
  const file = readFileSync(join(encodings(), name));
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
};
const pixels = (buffer: ArrayBuffer) => {
  const dataSet = dicomParser.parseDicom(new Uint8Array(buffer));
  const element = dataSet.elements.x7fe00010;
  if (!element) throw new Error('no pixel data');
  return { dataSet, bytes: new Uint8Array(buffer, element.dataOffset, element.length) };
};

if (!hasSampleData()) console.log(`sample data not found at ${sampleDataDir()}: deflate suite did not run`);

describe.runIf(hasSampleData())('inflateIfDeflated (real CT slice)', () => {
  it('turns the deflated file into explicit little endian with the same pixels', async () => {
    const inflated = await inflateIfDeflated(read('ct_deflated_explicit_le.dcm'));
    const result = pixels(inflated);
    const reference = pixels(read('ct_explicit_le.dcm'));
    expect(result.dataSet.string('x00020010')).toBe(EXPLICIT_LE);
    expect(result.dataSet.uint16('x00280010')).toBe(512);
    expect(Buffer.from(result.bytes).equals(Buffer.from(reference.bytes))).toBe(true);
  });

  it('writes a group length that matches the new meta group', async () => {
    const inflated = new Uint8Array(await inflateIfDeflated(read('ct_deflated_explicit_le.dcm')));
    const dataSet = dicomParser.parseDicom(inflated, { untilTag: 'x00020010' });
    const groupLength = dataSet.uint32('x00020000');
    const firstAfterMeta = new DataView(inflated.buffer).getUint16(132 + 12 + (groupLength ?? 0), true);
    expect(firstAfterMeta).not.toBe(0x0002);
    expect(firstAfterMeta).toBe(0x0008);
  });

  it('returns any other file untouched', async () => {
    const buffer = read('ct_explicit_le.dcm');
    expect(await inflateIfDeflated(buffer)).toBe(buffer);
  });
});

describe('inflateIfDeflated (not Part 10)', () => {
  it('returns bytes without a DICM preamble untouched', async () => {
    const buffer = new Uint8Array([1, 2, 3]).buffer;
    expect(await inflateIfDeflated(buffer)).toBe(buffer);
  });
});
