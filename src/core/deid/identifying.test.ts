import { describe, expect, it } from 'vitest';
import { deidentifyDicom, NotDicomError } from './deidentify';
import { checkDeidentified } from './identifying';
import { importDeidKey } from './keyedHash';
import { BASIC_PROFILE_ONLY } from './policy';
import { phiCtSlice } from './testing/phiDicom';

describe('checkDeidentified', () => {
  it('lists what a raw file still carries, by attribute and never by value', () => {
    const { findings } = checkDeidentified(phiCtSlice(0), BASIC_PROFILE_ONLY);
    const paths = findings.map((finding) => finding.path);
    expect(paths).toEqual(
      expect.arrayContaining(['(0010,0010)', '(0010,0020)', '(0010,0030)', '(0008,0050)', '(0008,0080)', '(0010,1002)', '(0009,1001)', '(0008,1140)[0].(0010,0010)', '(0012,0062)', '113100']),
    );
    expect(JSON.stringify(findings)).not.toContain('PHI');
  });

  it('finds nothing in a file de-identified under the same options', async () => {
    const { bytes } = await deidentifyDicom(phiCtSlice(0), BASIC_PROFILE_ONLY, importDeidKey(new Uint8Array(32)));
    expect(checkDeidentified(bytes, BASIC_PROFILE_ONLY).findings).toEqual([]);
  });

  it('holds a file to the policy it meets: dates kept by a looser run are found under a stricter policy', async () => {
    const key = importDeidKey(new Uint8Array(32));
    const { bytes } = await deidentifyDicom(phiCtSlice(0), { ...BASIC_PROFILE_ONLY, temporal: 'fullDates' }, key);
    expect(checkDeidentified(bytes, { ...BASIC_PROFILE_ONLY, temporal: 'fullDates' }).findings).toEqual([]);
    const stricter = checkDeidentified(bytes, BASIC_PROFILE_ONLY).findings.map((finding) => finding.keyword);
    expect(stricter).toEqual(['StudyDate', 'StudyTime']);
    const wanting = checkDeidentified(bytes, { ...BASIC_PROFILE_ONLY, temporal: 'fullDates', cleanDescriptors: true }).findings;
    expect(wanting.map((finding) => finding.path)).toEqual(['113105']);
  });

  it('throws NotDicomError for bytes that are no Part 10 file', () => {
    expect(() => checkDeidentified(new Uint8Array(300), BASIC_PROFILE_ONLY)).toThrow(NotDicomError);
  });
});
