/**
 * Issue 11's privacy check, end to end: a real server process, PHI-laden DICOM files uploaded
 * over real HTTP into a dataset whose policy is `required`. Raw files are refused with the
 * attributes found; the same files de-identified by the library (with the project key fetched
 * from the admin-only route) come in; then not one PHI string is in the database file, any blob,
 * the server's output, or the API's answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeidKeyAnswer, DeidReportsAnswer, FileImportOutcome, ImportReport } from '../../src/core/api';
import { deidentifyDicom, type DeidReport } from '../../src/core/deid/deidentify';
import { importDeidKey } from '../../src/core/deid/keyedHash';
import type { DeidOptions } from '../../src/core/deid/policy';
import { japaneseCtSlice } from '../../src/core/deid/testing/japaneseDicom';
import { phiCtSlice } from '../../src/core/deid/testing/phiDicom';
import { SAH_SLICE_LABEL_SET } from '../../src/core/labelSets/builtin';
import { phiIn } from '../testing/phiSearch';
import { startPhiServer, type PhiServer } from '../testing/phiServer';

const SLICES = 3;
/** Two more slices of the series as a Japanese hospital writes them (`\\ISO 2022 IR 87`). */
const JAPANESE_SLICES = [3, 4];
const phiSlice = (slice: number) => (JAPANESE_SLICES.includes(slice) ? japaneseCtSlice(slice) : phiCtSlice(slice));
const ALL_SLICES = [...Array.from({ length: SLICES }, (_, slice) => slice), ...JAPANESE_SLICES];
const OPTIONS: DeidOptions = {
  temporal: 'modifiedDates',
  retainPatientCharacteristics: false,
  retainDeviceIdentity: false,
  cleanDescriptors: true,
  cleanStructuredContent: false,
  retainSafePrivate: false,
};

describe('upload into a dataset that requires de-identification', () => {
  let server: PhiServer;
  const api = (path: string, init?: RequestInit) => server.api(path, init);
  const upload = async (name: string, bytes: Uint8Array<ArrayBuffer>): Promise<FileImportOutcome> => {
    const response = await api(`api/datasets/${server.datasetId}/files`, {
      method: 'POST',
      headers: { 'content-type': 'application/dicom', 'x-file-name': encodeURIComponent(name) },
      body: bytes,
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as ImportReport).outcomes[0] as FileImportOutcome;
  };

  beforeAll(async () => {
    server = await startPhiServer({ name: 'De-identified head CT', labelSet: SAH_SLICE_LABEL_SET, options: OPTIONS });
  });

  afterAll(() => server.remove());

  it('refuses the raw files with the list of what identifies them', async () => {
    for (const slice of ALL_SLICES) {
      // The file's name is a patient's too: it must not be kept either.
      const outcome = await upload(`PHIFAMILY_PHIGIVEN_${slice}.dcm`, phiSlice(slice));
      expect(outcome).toMatchObject({ status: 'refused', code: 'stillIdentifying' });
      const found = outcome.status === 'refused' ? (outcome.identifying ?? []).map((finding) => finding.keyword) : [];
      expect(found).toEqual(expect.arrayContaining(['PatientName', 'PatientID', 'PatientBirthDate', 'AccessionNumber', 'InstitutionName', 'OtherPatientIDsSequence', 'Private', 'PatientIdentityRemoved']));
      expect(outcome.status === 'refused' && outcome.identifying?.map((finding) => finding.path)).toContain('(0008,1140)[0].(0010,0010)');
    }
  });

  it('takes the same files de-identified in the uploader with the project key, as one series, and keeps their reports', async () => {
    const keyAnswer = (await (await api('api/deid-keys/project')).json()) as DeidKeyAnswer;
    const key = importDeidKey(Uint8Array.from(Buffer.from(keyAnswer.key, 'base64')));
    const itemIds = new Set<string>();
    const reports: DeidReport[] = [];
    for (const slice of ALL_SLICES) {
      const { bytes, report } = await deidentifyDicom(phiSlice(slice), OPTIONS, key);
      const outcome = await upload(`PHIFAMILY_PHIGIVEN_${slice}.dcm`, bytes);
      expect(outcome).toMatchObject({ status: 'imported', file: `${report.sopInstanceUid}.dcm`, sopInstanceUid: report.sopInstanceUid });
      if (outcome.status === 'imported') itemIds.add(outcome.itemId);
      const posted = await api(`api/datasets/${server.datasetId}/deid-reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report) });
      expect(posted.status).toBe(204);
      reports.push(report);
    }
    expect(itemIds.size).toBe(1);
    const kept = (await (await api(`api/datasets/${server.datasetId}/deid-reports`)).json()) as DeidReportsAnswer;
    expect(kept.map((report) => report.sopInstanceUid).sort()).toEqual(reports.map((report) => report.sopInstanceUid).sort());
    // What annotators and admins are shown of the dataset.
    await api(`api/datasets/${server.datasetId}/items`);
    await api(`api/items/${[...itemIds][0]}`);
    await api('api/datasets');
  });

  it('leaves no PHI string in the database, the blob store, the server output or the API answers', async () => {
    // The search itself finds PHI where it is.
    expect(phiIn(Buffer.from(phiCtSlice(0)))).toEqual(expect.arrayContaining(['PHIFAMILY', '山田', 'PHIPRIVATE-SECRET', 'PHINESTED']));
    expect(phiIn(Buffer.from(japaneseCtSlice(3)))).toEqual(expect.arrayContaining(['PHIFAMILY', '山田 (ISO 2022 IR 87)', 'やまだ (ISO 2022 IR 87)']));
    // The database file, its journal if any, every blob (the imported slices among them).
    expect(await server.stopAndSearch()).toEqual({ exitCode: 0, databaseFile: true, stored: [], printed: [], answered: [] });
  });
});
