/** A DICOM file de-identified in the browser uploaded with its report ahead of its bytes, in one request. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../src/core/api';
import { deidentifyDicom, type DeidReport } from '../../../src/core/deid/deidentify';
import { type DeidKey, importDeidKey } from '../../../src/core/deid/keyedHash';
import { BASIC_PROFILE_ONLY } from '../../../src/core/deid/policy';
import { REPORT_BYTES_HEADER, reportHead } from '../../../src/core/deid/reportedFile';
import { phiCtSlice } from '../../../src/core/deid/testing/phiDicom';
import { SAH_SLICE_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { listDeidReports, PROJECT_KEY_ID, readDeidKey, setDeidPolicy } from '../../deid/policies';
import { createDataset } from '../../services/datasets';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

describe.each(testDialects('upload with report'))('upload of a file with its de-identification report (%s)', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let required = '';
  let off = '';
  let key: DeidKey;

  const newDataset = async (name: string) => (await createDataset(server.db, { name, description: '', labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version }, null, server.now().toISOString())).id;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('admin', ['admin']);
    required = await newDataset('required');
    off = await newDataset('off');
    await setDeidPolicy(server.db, required, 'required', BASIC_PROFILE_ONLY, 'admin', server.now().toISOString());
    key = importDeidKey((await readDeidKey(server.db, PROJECT_KEY_ID))!);
  });
  afterAll(() => server.dispose());

  /** The body as the upload screen sends it: the report's bytes, then the file's. */
  const upload = (datasetId: string, report: DeidReport, file: Uint8Array, header?: string) => {
    const head = reportHead(report);
    return server.app.inject({
      method: 'POST',
      url: `/api/datasets/${datasetId}/files`,
      headers: { ...admin.auth, 'content-type': 'application/dicom', 'x-file-name': 'upload.dcm', [REPORT_BYTES_HEADER]: header ?? head.header },
      payload: Buffer.concat([head.bytes, file]),
    });
  };
  const stored = async (datasetId: string) => (await server.db.selectFrom('item_files').select('sop_instance_uid').where('dataset_id', '=', datasetId).execute()).map((row) => row.sop_instance_uid);

  it('imports the file as if sent alone and keeps its report', async () => {
    const { bytes, report } = await deidentifyDicom(phiCtSlice(0), BASIC_PROFILE_ONLY, key);
    const answer = await upload(required, report, bytes);
    expect(answer.statusCode).toBe(200);
    expect(json<ImportReport>(answer).outcomes).toEqual([expect.objectContaining({ status: 'imported', file: `${report.sopInstanceUid}.dcm`, sopInstanceUid: report.sopInstanceUid })]);
    expect(await listDeidReports(server.db, required)).toEqual([report]);
    // The file alone is stored, without the report ahead of it.
    const [row] = await server.db.selectFrom('item_files').select('sha256').where('sop_instance_uid', '=', report.sopInstanceUid).execute();
    expect(row?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('refuses a bad length, a report that is not one, or one of another instance, storing nothing', async () => {
    const { bytes, report } = await deidentifyDicom(phiCtSlice(1), BASIC_PROFILE_ONLY, key);
    const before = await stored(required);
    const refusals = [
      await upload(required, report, bytes, 'twelve'),
      await upload(required, report, bytes, String(reportHead(report).bytes.byteLength + bytes.byteLength)),
      await upload(required, { ...report, entries: [{ path: 'Yamada', keyword: 'PatientName', outcome: 'emptied', by: 'basic' }] }, bytes),
      await upload(required, { ...report, sopInstanceUid: '2.25.99' }, bytes),
    ];
    expect(refusals.map((answer) => answer.statusCode)).toEqual([400, 400, 400, 400]);
    expect(refusals[3]!.json()).toMatchObject({ error: expect.anything() });
    expect(await stored(required)).toEqual(before);
    expect((await listDeidReports(server.db, required)).map((kept) => kept.sopInstanceUid)).not.toContain(report.sopInstanceUid);
  });

  it('keeps no report for a file refused as still identifying', async () => {
    const { report } = await deidentifyDicom(phiCtSlice(2), BASIC_PROFILE_ONLY, key);
    const answer = await upload(required, report, phiCtSlice(2));
    expect(json<ImportReport>(answer).outcomes).toEqual([expect.objectContaining({ status: 'refused', code: 'stillIdentifying' })]);
    expect((await listDeidReports(server.db, required)).map((kept) => kept.sopInstanceUid)).not.toContain(report.sopInstanceUid);
  });

  it('refuses a report into a dataset that does not require de-identification', async () => {
    const { bytes, report } = await deidentifyDicom(phiCtSlice(3), BASIC_PROFILE_ONLY, key);
    const answer = await upload(off, report, bytes);
    expect(answer.statusCode).toBe(400);
    expect(await stored(off)).toEqual([]);
    expect(await listDeidReports(server.db, off)).toEqual([]);
  });
});
