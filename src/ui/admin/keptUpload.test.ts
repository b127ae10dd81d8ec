/**
 * A file sent as the check wrote it (kept) is the file the worker would have prepared again, byte
 * for byte, with the same report and name: over the real sample DICOMs (the head CT series, one CT
 * slice in 13 transfer syntaxes, the assorted singles) and the PHI corpus's generated files, the
 * page's side driven over the worker's own logic in-process. Then the budget: past it, files are
 * prepared again, and the page holds no more than it.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BASIC_PROFILE_ONLY } from '../../core/deid/policy';
import { check, DATES_AND_DESCRIPTORS, generatedFiles, sampleFiles, sent } from './__tests__/deidUploadFixtures';
import { deidentifiedSource, KEPT_FILES_BYTES, uploadBody } from './deidentifyUpload';
import { heldBytes } from './heldBytes';

/** Bodies compared by length and digest: an element-wise toEqual over half-megabyte arrays takes minutes. */
const digest = (bytes: Uint8Array) => `${bytes.byteLength} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}`;

describe('a file sent as the check wrote it', () => {
  it.each([
    ['the basic profile', BASIC_PROFILE_ONLY],
    ['dates modified, descriptors cleaned', DATES_AND_DESCRIPTORS],
  ])('is the file prepared again, byte for byte, with the same report and name (%s)', async (_, options) => {
    const files = [...sampleFiles(), ...generatedFiles()];
    const { client, checks, kept, sources } = await check(files, options, KEPT_FILES_BYTES);
    const compared: string[] = [];
    for (const [index, file] of files.entries()) {
      const result = checks[index];
      if (result?.kind !== 'deidentified' || result.burnedIn) {
        expect(kept[index], file.name).toBeNull();
        continue;
      }
      expect(kept[index], file.name).not.toBeNull();
      const fromCheck = await sent(sources[index]!);
      const again = await sent(deidentifiedSource(client, heldBytes(), file, null));
      expect(digest(fromCheck.bytes), file.name).toBe(digest(again.bytes));
      expect(fromCheck.upload.report, file.name).toEqual(again.upload.report);
      expect([fromCheck.upload.name, fromCheck.upload.type, fromCheck.upload.size], file.name).toEqual([again.upload.name, again.upload.type, again.upload.size]);
      expect(uploadBody(fromCheck.upload).size, file.name).toBe(fromCheck.upload.size);
      expect(fromCheck.upload.name).toBe(`${result.sopInstanceUid}.dcm`);
      compared.push(file.name);
    }
    // Every sample CT slice (series and syntaxes) and every generated file went as checked; the
    // singles' ultrasound images are flagged, and their compressed ones refused.
    expect(compared.filter((name) => name.startsWith('radiology/ct-head-series-ge/'))).toHaveLength(28);
    expect(compared.filter((name) => name.includes('all-syntaxes/'))).toHaveLength(13);
    expect(compared.filter((name) => !name.startsWith('radiology/'))).toHaveLength(10);
  });

  it('past the budget is prepared again; the page holds no more than the budget once checked, none once sent', async () => {
    const files = generatedFiles();
    const { kept: all } = await check(files, BASIC_PROFILE_ONLY, KEPT_FILES_BYTES);
    const headers = all.map((parts) => parts?.header.byteLength ?? 0);
    // Room for the first three headers and not the fourth: from there on, nothing is kept.
    const budget = headers[0]! + headers[1]! + headers[2]! + Math.floor(headers[3]! / 2);
    const held = heldBytes();
    const { kept, sources } = await check(files, BASIC_PROFILE_ONLY, budget, held);
    expect(kept.map((parts) => parts !== null)).toEqual(files.map((_, i) => i < 3));
    expect(held.now).toBe(headers[0]! + headers[1]! + headers[2]!);
    expect(held.now).toBeLessThanOrEqual(budget);
    const bodies = [];
    for (const source of sources) bodies.push((await sent(source)).bytes);
    expect(held.now).toBe(0);
    const { client } = await check([], BASIC_PROFILE_ONLY, 0);
    for (const [index, file] of files.entries()) expect(digest(bodies[index]!), file.name).toBe(digest((await sent(deidentifiedSource(client, heldBytes(), file, null))).bytes));
  });
});
