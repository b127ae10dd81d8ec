/**
 * Staged uploads through the routes: files staged under the dataset's policy (a refusal names what
 * was found and keeps nothing), nothing imported before the commit, the commit an import job that
 * imports in index order and keeps the reports, the abort and the per-admin quota (checked with the
 * row's insert in one transaction: two lanes racing for the last bytes cannot both get in). Both dialects.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeidReportsAnswer, ImportJob, StagedFileAnswer, StagedUpload } from '../../src/core/api';
import { deidentifyDicom } from '../../src/core/deid/deidentify';
import { importDeidKey } from '../../src/core/deid/keyedHash';
import type { DeidOptions } from '../../src/core/deid/policy';
import { phiCtSlice } from '../../src/core/deid/testing/phiDicom';
import { SAH_SLICE_LABEL_SET } from '../../src/core/labelSets/builtin';
import { readDeidKey, setDeidPolicy } from '../deid/policies';
import { createDataset } from '../services/datasets';
import { testDialects } from '../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../testing/testServer';

const OPTIONS: DeidOptions = { temporal: 'modifiedDates', retainPatientCharacteristics: false, retainDeviceIdentity: false, cleanDescriptors: true, cleanStructuredContent: false, retainSafePrivate: false };
/** A few slices (~1.9 KB each): the quota is reached in a few requests. */
const QUOTA = 8_000;

describe.each(testDialects('staged uploads'))('staged uploads (%s)', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let otherAdmin: SignedIn;
  let datasetId: string;
  let slices: { bytes: Uint8Array; report: string; sop: string }[];

  beforeAll(async () => {
    server = await startTestServer(dialect, { stagedUploads: { idleMs: 60_000, quotaBytes: QUOTA } });
    admin = await server.signIn('admin', ['admin']);
    otherAdmin = await server.signIn('admin2', ['admin']);
    datasetId = (await createDataset(server.db, { name: 'staged', description: '', labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version }, null, server.now().toISOString())).id;
    const policy = await setDeidPolicy(server.db, datasetId, 'required', OPTIONS, admin.user.id, server.now().toISOString());
    if (policy.mode !== 'required') throw new Error('the policy should be required');
    const key = importDeidKey((await readDeidKey(server.db, policy.keyId)) as Uint8Array<ArrayBuffer>);
    slices = [];
    for (let slice = 0; slice < 3; slice += 1) {
      const { bytes, report } = await deidentifyDicom(phiCtSlice(slice), OPTIONS, key);
      slices.push({ bytes, report: JSON.stringify(report), sop: report.sopInstanceUid });
    }
  });
  afterAll(() => server.dispose());

  const open = async (as: SignedIn = admin): Promise<StagedUpload> => {
    const answer = await server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/staged-uploads`, headers: as.auth });
    expect(answer.statusCode).toBe(201);
    return json<StagedUpload>(answer);
  };
  const stage = (id: string, index: number, bytes: Uint8Array, report?: string, as: SignedIn = admin): Promise<LightMyRequestResponse> => {
    const head = report ? Buffer.from(report) : Buffer.alloc(0);
    return server.app.inject({
      method: 'POST',
      url: `/api/staged-uploads/${id}/files/${index}`,
      headers: { ...as.auth, 'content-type': 'application/dicom', 'x-file-name': `PATIENT_${index}.dcm`, ...(report ? { 'x-deid-report-bytes': String(head.length) } : {}) },
      payload: Buffer.concat([head, bytes]),
    });
  };
  const items = async () => (await server.db.selectFrom('items').select('id').where('dataset_id', '=', datasetId).execute()).length;
  const stagedRows = async () => server.db.selectFrom('staged_upload_files').select(['sha256', 'file_index']).execute();

  it('refuses an identifying file with what was found, stages the others unimported, and imports them all on commit in one job', async () => {
    const upload = await open();
    const refused = await stage(upload.id, 0, phiCtSlice(0));
    expect(refused.statusCode).toBe(200);
    const answer = json<StagedFileAnswer>(refused);
    expect(answer).toMatchObject({ index: 0, staged: false, outcome: { status: 'refused', code: 'stillIdentifying' } });
    expect(answer.staged === false && answer.outcome.status === 'refused' && answer.outcome.identifying?.map((finding) => finding.keyword)).toEqual(expect.arrayContaining(['PatientName', 'PatientID']));
    // Sent out of order, as two lanes would: the commit goes by index.
    for (const index of [2, 1]) {
      const slice = slices[index]!;
      expect(json<StagedFileAnswer>(await stage(upload.id, index, slice.bytes, slice.report))).toEqual({ index, staged: true, size: slice.bytes.length });
    }
    expect(await items()).toBe(0);
    expect((await stagedRows()).map((row) => row.file_index).sort()).toEqual([1, 2]);
    // Another admin's session is none of theirs.
    expect((await stage(upload.id, 0, slices[0]!.bytes, undefined, otherAdmin)).statusCode).toBe(404);

    const committed = await server.app.inject({ method: 'POST', url: `/api/staged-uploads/${upload.id}/commit`, headers: admin.auth });
    expect(committed.statusCode).toBe(202);
    const job = json<ImportJob>(committed);
    expect(job).toMatchObject({ kind: 'stagedUpload', datasetId });
    // A retried commit answers the same job; no more files are taken.
    expect(json<ImportJob>(await server.app.inject({ method: 'POST', url: `/api/staged-uploads/${upload.id}/commit`, headers: admin.auth })).id).toBe(job.id);
    expect((await stage(upload.id, 0, slices[0]!.bytes)).statusCode).toBe(409);
    await server.app.ctx.importJobs.idle();
    const done = json<ImportJob>(await server.app.inject({ method: 'GET', url: `/api/import-jobs/${job.id}`, headers: admin.auth }));
    if (done.state !== 'done') throw new Error(`the job should be done, not ${done.state}`);
    expect(done.report.outcomes.map((outcome) => [outcome.file, outcome.status])).toEqual([
      [`${slices[1]!.sop}.dcm`, 'imported'],
      [`${slices[2]!.sop}.dcm`, 'imported'],
    ]);
    expect(await items()).toBe(1);
    const reports = json<DeidReportsAnswer>(await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/deid-reports`, headers: admin.auth }));
    expect(reports.map((report) => report.sopInstanceUid).sort()).toEqual([slices[1]!.sop, slices[2]!.sop].sort());
    // The files are gone (their blobs are the items' now); the session still answers a retried commit.
    expect(await stagedRows()).toEqual([]);
    expect(json<ImportJob>(await server.app.inject({ method: 'POST', url: `/api/staged-uploads/${upload.id}/commit`, headers: admin.auth })).id).toBe(job.id);
    const audit = await server.db.selectFrom('audit_log').select('action').where('entity_id', '=', upload.id).orderBy('seq').execute();
    expect(audit.map((row) => row.action)).toEqual(['stagedUpload.create', 'stagedUpload.commit']);
  });

  it('refuses a report of another instance than its file, and a body that is no report', async () => {
    const upload = await open();
    expect((await stage(upload.id, 0, slices[0]!.bytes, slices[1]!.report)).statusCode).toBe(400);
    expect((await stage(upload.id, 0, slices[0]!.bytes, '{"not":"a report"}')).statusCode).toBe(400);
    expect(await stagedRows()).toEqual([]);
    await server.app.inject({ method: 'DELETE', url: `/api/staged-uploads/${upload.id}`, headers: admin.auth });
  });

  it('discards everything on abort: rows and the blobs nothing else keeps', async () => {
    const upload = await open();
    const fresh = Buffer.concat([Buffer.from(slices[0]!.bytes)]);
    // Content the dataset does not hold yet: a slice de-identified with other options.
    const { bytes } = await deidentifyDicom(phiCtSlice(7), OPTIONS, importDeidKey(new Uint8Array(32)));
    expect(json<StagedFileAnswer>(await stage(upload.id, 0, bytes))).toMatchObject({ staged: true });
    expect(json<StagedFileAnswer>(await stage(upload.id, 1, fresh))).toMatchObject({ staged: true });
    const [row] = (await stagedRows()).filter((r) => r.file_index === 0);
    expect(await server.blobs.stat(row!.sha256)).not.toBeNull();
    const aborted = await server.app.inject({ method: 'DELETE', url: `/api/staged-uploads/${upload.id}`, headers: admin.auth });
    expect(aborted.statusCode).toBe(204);
    expect(await stagedRows()).toEqual([]);
    expect(await server.blobs.stat(row!.sha256)).toBeNull();
    expect(await items()).toBe(1);
    expect((await server.app.inject({ method: 'POST', url: `/api/staged-uploads/${upload.id}/commit`, headers: admin.auth })).statusCode).toBe(404);
  });

  it('answers 413 past the admin quota, over all their sessions, and lets only one of two racing files take the last bytes', async () => {
    const [first, second] = [await open(), await open()];
    const size = slices[0]!.bytes.length;
    // Filled to just under one more file: the rest of the quota is less than a slice.
    const fill = Math.floor(QUOTA / size) - 1;
    for (let index = 0; index < fill; index += 1) expect((await stage(first.id, index, slices[index % 3]!.bytes)).statusCode).toBe(200);
    const racing = await Promise.all([stage(second.id, 0, slices[0]!.bytes), stage(second.id, 1, slices[1]!.bytes)]);
    expect(racing.map((answer) => answer.statusCode).sort()).toEqual([200, 413]);
    const over = racing.find((answer) => answer.statusCode === 413)!;
    expect(json<{ error: string; message: string }>(over)).toMatchObject({ error: 'staged_quota_exceeded', message: expect.stringMatching(/quota/) });
    // Another admin has a quota of their own.
    const theirs = await open(otherAdmin);
    expect((await stage(theirs.id, 0, slices[0]!.bytes, undefined, otherAdmin)).statusCode).toBe(200);
    for (const upload of [first, second]) await server.app.inject({ method: 'DELETE', url: `/api/staged-uploads/${upload.id}`, headers: admin.auth });
    await server.app.inject({ method: 'DELETE', url: `/api/staged-uploads/${theirs.id}`, headers: otherAdmin.auth });
  });
});
