/** The import CLI into a dataset whose policy requires de-identification: the same library as the browser, no PHI stored. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC_PROFILE_ONLY } from '../../src/core/deid/policy';
import { phiCtSlice } from '../../src/core/deid/testing/phiDicom';
import { SQLITE_FILE_NAME } from '../config';
import { listDeidReports, setDeidPolicy } from '../deid/policies';
import { openDatabase } from '../db/open';
import { findDatasetByName } from '../services/datasets';
import { phiUnder } from '../testing/phiSearch';
import { makePhiSvs } from '../testing/phiSlide';
import { hasPathologySampleData } from '../testing/sampleData';
import { runScript } from '../testing/processes';

describe('npm run import into a dataset that requires de-identification', () => {
  let root: string;
  const data = () => join(root, 'data');
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'mejirushi-cli-deid-'));
    // Folder and file names carry the patient's name, as hospital exports often do.
    mkdirSync(join(root, 'incoming', 'PHIFAMILY_PHIGIVEN'), { recursive: true });
    mkdirSync(join(root, 'empty'));
    for (const slice of [0, 1]) writeFileSync(join(root, 'incoming', 'PHIFAMILY_PHIGIVEN', `PHIFAMILY_${slice}.dcm`), phiCtSlice(slice));
    writeFileSync(join(root, 'incoming', 'PHIFAMILY_PHIGIVEN', 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('de-identifies each DICOM file before storing it, refuses what it cannot, and keeps the reports', async () => {
    // The dataset first, empty; then its policy, as an admin sets it.
    expect((await runScript('server/cli/import.ts', [join(root, 'empty'), '--dataset', 'Deid', '--data', data()])).code).toBe(1);
    const db = openDatabase({ kind: 'sqlite', file: join(data(), SQLITE_FILE_NAME) });
    const dataset = await findDatasetByName(db, 'Deid');
    await setDeidPolicy(db, dataset?.id as string, 'required', BASIC_PROFILE_ONLY, 'cli-test', new Date().toISOString());
    await db.destroy();

    const result = await runScript('server/cli/import.ts', [join(root, 'incoming'), '--dataset', 'Deid', '--data', data()]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^imported +2\.25\.\d+\.dcm$/));
    expect(lines.filter((line) => line.startsWith('imported'))).toHaveLength(2);
    expect(lines).toContainEqual(expect.stringMatching(/^refused +PHIFAMILY_PHIGIVEN\/photo\.jpg: this dataset requires de-identified DICOM files/));
    expect(lines.at(-1)).toBe('3 file(s): 2 imported, 0 duplicate(s), 1 refused; dataset "Deid" has 1 series item(s)');

    const reader = openDatabase({ kind: 'sqlite', file: join(data(), SQLITE_FILE_NAME) });
    const reports = await listDeidReports(reader, dataset?.id as string);
    await reader.destroy();
    expect(reports.map((report) => report.methodCodes)).toEqual([['113100'], ['113100']]);
    expect(phiUnder(data())).toEqual([]);
  });
});

describe.skipIf(!hasPathologySampleData())('npm run import of a slide into a dataset that requires de-identification', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'mejirushi-cli-deid-slide-'));
    mkdirSync(join(root, 'incoming'));
    mkdirSync(join(root, 'empty'));
    makePhiSvs(join(root, 'incoming'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('imports the slide de-identified under a pseudonymous name and keeps its report', async () => {
    const data = join(root, 'data');
    await runScript('server/cli/import.ts', [join(root, 'empty'), '--dataset', 'Slides', '--data', data]);
    const db = openDatabase({ kind: 'sqlite', file: join(data, SQLITE_FILE_NAME) });
    const dataset = await findDatasetByName(db, 'Slides');
    await setDeidPolicy(db, dataset?.id as string, 'required', BASIC_PROFILE_ONLY, 'cli-test', new Date().toISOString());
    await db.destroy();

    const result = await runScript('server/cli/import.ts', [join(root, 'incoming'), '--dataset', 'Slides', '--data', data]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^imported +slide-[0-9a-f]{12}\.tif$/));
    expect(lines.at(-1)).toBe('1 file(s): 1 imported, 0 duplicate(s), 0 refused; dataset "Slides" has 0 series item(s) and 1 slide(s)');

    const reader = openDatabase({ kind: 'sqlite', file: join(data, SQLITE_FILE_NAME) });
    const reports = await listDeidReports(reader, dataset?.id as string);
    await reader.destroy();
    expect(reports.map((report) => report.sopInstanceUid)).toEqual([expect.stringMatching(/^slide-[0-9a-f]{12}\.tif$/)]);
    expect(phiUnder(data)).toEqual([]);
  });
});
