/**
 * The header written by passing unchanged elements on is the header dcmjs writes, byte for byte:
 * over the sample CT series, one CT slice in every transfer syntax and the singles (when the
 * sample data is here), the PHI corpus, and a file whose declared character set dcmjs re-encodes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import dcmjs from 'dcmjs';
import { describe, expect, it, vi } from 'vitest';
import { hasSampleData, sampleDataDir } from '../../../server/testing/sampleData';
import { deidentifyPart10, readPart10 } from './deidentify';
import { elementsAsRead, writtenHeader, type WritePaths } from './headerWrite';
import { importDeidKey } from './keyedHash';
import { pixelDataStart } from './pixelDataStart';
import { BASIC_PROFILE_ONLY, type DeidOptions } from './policy';
import { phiCtSlice } from './testing/phiDicom';

const DATES_AND_DESCRIPTORS: DeidOptions = { ...BASIC_PROFILE_ONLY, temporal: 'modifiedDates', cleanDescriptors: true };
const OPTIONS: readonly [string, DeidOptions][] = [
  ['the basic profile', BASIC_PROFILE_ONLY],
  ['dates modified, descriptors cleaned', DATES_AND_DESCRIPTORS],
];

interface Written {
  readonly ours: Uint8Array;
  readonly dcmjs: Uint8Array;
  /** How many of the data set's elements were passed on, encoded by elementWrite, left to dcmjs. */
  readonly paths: WritePaths;
  /** Calls to dcmjs's element write (it must agree with paths.dcmjs: nothing else writes through it). */
  readonly dcmjsWrites: number;
  readonly elements: number;
}

/** `bytes` de-identified from its header, written both ways; null when it cannot be cut before its Pixel Data. */
async function writtenBothWays(bytes: Uint8Array, options: DeidOptions): Promise<Written | null> {
  const found = pixelDataStart(bytes, true);
  if (found.kind !== 'found') return null;
  const header = bytes.subarray(0, found.offset);
  const file = readPart10(header);
  const asRead = elementsAsRead(file.dict);
  await deidentifyPart10(file, options, importDeidKey(new Uint8Array(32).fill(7)));
  const encode = vi.spyOn(dcmjs.data.DicomMessage, 'write');
  const paths: WritePaths = { passedOn: 0, encoded: 0, dcmjs: 0 };
  const ours = writtenHeader(file, header, found.elements, asRead, paths);
  const dcmjsWrites = encode.mock.calls.length;
  encode.mockRestore();
  return { ours, dcmjs: new Uint8Array(file.write()), paths, dcmjsWrites, elements: Object.keys(file.dict).length };
}

/** Every element took one way out, and dcmjs wrote only those counted as its (the meta group never). */
function expectPathsAddUp(written: Written, name: string): void {
  const { passedOn, encoded, dcmjs } = written.paths;
  expect(passedOn + encoded + dcmjs, name).toBe(written.elements);
  expect(written.dcmjsWrites, name).toBe(dcmjs);
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;

function sampleFiles(folder: string): [string, Uint8Array][] {
  const path = join(sampleDataDir(), folder);
  return readdirSync(path)
    .filter((name) => name.endsWith('.dcm'))
    .sort()
    .map((name) => [`${folder}/${name}`, new Uint8Array(readFileSync(join(path, name)))]);
}

if (!hasSampleData()) console.log(`sample data not found at ${sampleDataDir()}: the header writer was compared on the generated files only`);

describe.skipIf(!hasSampleData())('the header written from the sample DICOMs', () => {
  it.each(OPTIONS)('is dcmjs\'s, byte for byte, with most elements passed on (%s)', async (_, options) => {
    const files = [
      ...sampleFiles('radiology/ct-head-series-ge'),
      ...sampleFiles('radiology/dicom-encodings/ct-chest-ge-all-syntaxes'),
      ...sampleFiles('radiology/dicom-singles'),
    ];
    const compared: string[] = [];
    const total: WritePaths = { passedOn: 0, encoded: 0, dcmjs: 0 };
    for (const [name, bytes] of files) {
      const written = await writtenBothWays(bytes, options);
      if (!written) continue;
      expect(sameBytes(written.ours, written.dcmjs), name).toBe(true);
      expectPathsAddUp(written, name);
      compared.push(name);
      if (name.includes('ct-head-series-ge')) expect(written.paths.passedOn, name).toBeGreaterThan(written.elements / 2);
      total.passedOn += written.paths.passedOn;
      total.encoded += written.paths.encoded;
      total.dcmjs += written.paths.dcmjs;
    }
    // Most of what is not passed on is encoded here, not by dcmjs (none of it, in these files).
    expect(total.encoded).toBeGreaterThan(0);
    expect(total.dcmjs).toBeLessThan(total.encoded / 10);
    // The series and every syntax but the deflated and big-endian ones, which pixelDataStart does not walk.
    expect(compared.filter((name) => name.includes('ct-head-series-ge'))).toHaveLength(28);
    expect(compared.filter((name) => name.includes('all-syntaxes'))).toHaveLength(11);
  });
});

describe('the header written from generated files', () => {
  it.each(OPTIONS)('is dcmjs\'s, byte for byte, for the PHI series (%s)', async (_, options) => {
    for (let index = 0; index < 6; index++) {
      const written = await writtenBothWays(phiCtSlice(index), options);
      if (!written) throw new Error(`slice ${index} has no Pixel Data to cut at`);
      expect(sameBytes(written.ours, written.dcmjs), `slice ${index}`).toBe(true);
      expectPathsAddUp(written, `slice ${index}`);
      expect(written.paths.encoded).toBeGreaterThan(0);
      expect(written.paths.passedOn).toBeGreaterThan(0);
    }
  });

  it('leaves to dcmjs the text it re-encodes: a file declaring Latin-1 whose kept text is not ASCII', async () => {
    const latin1 = phiCtSlice(0, (dataSet) => {
      dataSet['00080005'] = { vr: 'CS', Value: ['ISO_IR 100'] };
      dataSet['00080070'] = { vr: 'LO', Value: ['Müller Medizintechnik'] };
    });
    const written = await writtenBothWays(latin1, BASIC_PROFILE_ONLY);
    if (!written) throw new Error('no Pixel Data to cut at');
    expect(sameBytes(written.ours, written.dcmjs)).toBe(true);
    expectPathsAddUp(written, 'Latin-1');
    expect(written.paths.dcmjs).toBeGreaterThan(0);
  });
});
