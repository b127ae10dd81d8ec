/**
 * A staged upload's batch route (POST /api/staged-uploads/:id/files): each part staged as the
 * per-file route stages it (stagePart.ts), its refusal or error its own answer while the parts
 * beside it go on; the request refused whole for a bad parts list, a body of another length, or a
 * committed upload. Nothing of a refused file reaches the log. Both dialects.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob, StagedBatchAnswer, StagedUpload } from '../../src/core/api';
import { deidentifyDicom } from '../../src/core/deid/deidentify';
import { importDeidKey } from '../../src/core/deid/keyedHash';
import type { DeidOptions } from '../../src/core/deid/policy';
import { PHI_STRINGS, phiCtSlice } from '../../src/core/deid/testing/phiDicom';
import { SAH_SLICE_LABEL_SET } from '../../src/core/labelSets/builtin';
import { MAX_STAGED_BATCH_FILES, STAGED_PARTS_HEADER, stagedPartsHeader, type StagedPart } from '../../src/core/staged/stagedParts';
import { readDeidKey, setDeidPolicy } from '../deid/policies';
import { createDataset } from '../services/datasets';
import { testDialects } from '../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../testing/testServer';

const OPTIONS: DeidOptions = { temporal: 'modifiedDates', retainPatientCharacteristics: false, retainDeviceIdentity: false, cleanDescriptors: true, cleanStructuredContent: false, retainSafePrivate: false };
/** A few slices (~1.9 KB each): one batch can pass it. */
const QUOTA = 8_000;
/** The name an identifying file was sent under: PHI as a real one may be. */
const PHI_NAME = 'PHIFAMILY^PHIGIVEN 1.dcm';

interface SentPart {
  readonly index: number;
  readonly bytes: Uint8Array;
  readonly report?: string;
  readonly name?: string;
}

describe.each(testDialects('staged upload batches'))('staged upload batches (%s)', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let otherAdmin: SignedIn;
  let requiredId: string;
  let offId: string;
  let slices: { bytes: Uint8Array; report: string; sop: string }[];
  const logged: string[] = [];

  const newDataset = async (name: string) => (await createDataset(server.db, { name, description: '', labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version }, null, server.now().toISOString())).id;

  beforeAll(async () => {
    server = await startTestServer(dialect, { stagedUploads: { idleMs: 60_000, quotaBytes: QUOTA }, logger: { stream: { write: (line) => void logged.push(line) } } });
    admin = await server.signIn('admin', ['admin']);
    otherAdmin = await server.signIn('admin2', ['admin']);
    requiredId = await newDataset('batch required');
    offId = await newDataset('batch off');
    const policy = await setDeidPolicy(server.db, requiredId, 'required', OPTIONS, admin.user.id, server.now().toISOString());
    if (policy.mode !== 'required') throw new Error('the policy should be required');
    const key = importDeidKey((await readDeidKey(server.db, policy.keyId)) as Uint8Array<ArrayBuffer>);
    slices = [];
    for (let slice = 0; slice < 4; slice += 1) {
      const { bytes, report } = await deidentifyDicom(phiCtSlice(slice), OPTIONS, key);
      slices.push({ bytes, report: JSON.stringify(report), sop: report.sopInstanceUid });
    }
  });
  afterAll(() => server.dispose());

  const open = async (datasetId: string, as: SignedIn = admin): Promise<StagedUpload> => {
    const answer = await server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/staged-uploads`, headers: as.auth });
    expect(answer.statusCode).toBe(201);
    return json<StagedUpload>(answer);
  };
  const discard = (upload: StagedUpload, as: SignedIn = admin) => server.app.inject({ method: 'DELETE', url: `/api/staged-uploads/${upload.id}`, headers: as.auth });
  /** The parts back to back, listed as the page lists them; `header` replaces the list. */
  const sendBatch = (id: string, sent: readonly SentPart[], options: { as?: SignedIn; header?: string; extraBytes?: number } = {}): Promise<LightMyRequestResponse> => {
    const bodies = sent.map((part) => Buffer.concat([Buffer.from(part.report ?? ''), part.bytes]));
    const parts: StagedPart[] = sent.map((part, at) => ({ index: part.index, bytes: bodies[at]!.length, reportBytes: part.report ? Buffer.byteLength(part.report) : null, name: part.name ?? `slice ${part.index}.dcm` }));
    return server.app.inject({
      method: 'POST',
      url: `/api/staged-uploads/${id}/files`,
      headers: { ...(options.as ?? admin).auth, 'content-type': 'application/dicom', [STAGED_PARTS_HEADER]: options.header ?? stagedPartsHeader(parts) },
      payload: Buffer.concat([...bodies, Buffer.alloc(options.extraBytes ?? 0)]),
    });
  };
  const answersOf = (response: LightMyRequestResponse) => {
    expect(response.statusCode).toBe(200);
    return json<StagedBatchAnswer>(response).answers;
  };
  const stagedRows = async (uploadId: string) => server.db.selectFrom('staged_upload_files').select(['file_index', 'name', 'report']).where('upload_id', '=', uploadId).orderBy('file_index').execute();
  const items = async (datasetId: string) => (await server.db.selectFrom('items').select('id').where('dataset_id', '=', datasetId).execute()).length;

  it('stages every part of a batch of de-identified files with their reports, and the commit imports them all', async () => {
    const upload = await open(requiredId);
    const sent = slices.slice(0, 3).map((slice, index) => ({ index, bytes: slice.bytes, report: slice.report }));
    expect(answersOf(await sendBatch(upload.id, sent))).toEqual(sent.map((part) => ({ index: part.index, staged: true, size: part.bytes.length })));
    expect(await items(requiredId)).toBe(0);
    // Kept under their SOP Instance UIDs, each with its own report.
    const rows = await stagedRows(upload.id);
    expect(rows.map((row) => [row.file_index, row.name, (JSON.parse(row.report!) as { sopInstanceUid: string }).sopInstanceUid])).toEqual(slices.slice(0, 3).map((slice, index) => [index, `${slice.sop}.dcm`, slice.sop]));

    const committed = await server.app.inject({ method: 'POST', url: `/api/staged-uploads/${upload.id}/commit`, headers: admin.auth });
    expect(committed.statusCode).toBe(202);
    await server.app.ctx.importJobs.idle();
    const done = json<ImportJob>(await server.app.inject({ method: 'GET', url: `/api/import-jobs/${json<ImportJob>(committed).id}`, headers: admin.auth }));
    if (done.state !== 'done') throw new Error(`the job should be done, not ${done.state}`);
    expect(done.report.outcomes.map((outcome) => [outcome.file, outcome.status])).toEqual(slices.slice(0, 3).map((slice) => [`${slice.sop}.dcm`, 'imported']));
    expect(await items(requiredId)).toBe(1);
    // The upload is committed: a batch is refused whole.
    const late = await sendBatch(upload.id, [{ index: 3, bytes: slices[3]!.bytes, report: slices[3]!.report }]);
    expect(late.statusCode).toBe(409);
    expect(json<{ error: string }>(late).error).toBe('staged_upload_committed');
  });

  it('answers a part the policy refuses, or whose report names another instance, on its own while the parts beside it stage', async () => {
    const upload = await open(requiredId);
    const answers = answersOf(
      await sendBatch(upload.id, [
        { index: 0, bytes: slices[0]!.bytes, report: slices[0]!.report },
        { index: 1, bytes: phiCtSlice(1), name: PHI_NAME },
        { index: 2, bytes: slices[2]!.bytes, report: slices[3]!.report },
        { index: 3, bytes: slices[3]!.bytes },
      ]),
    );
    expect(answers).toHaveLength(4);
    expect(answers[0]).toEqual({ index: 0, staged: true, size: slices[0]!.bytes.length });
    expect(answers[1]).toMatchObject({ index: 1, staged: false, outcome: { status: 'refused', code: 'stillIdentifying' } });
    expect(answers[2]).toEqual({ index: 2, staged: false, status: 400, error: { error: 'bad_request', message: expect.stringContaining(slices[3]!.sop) } });
    expect(answers[3]).toEqual({ index: 3, staged: true, size: slices[3]!.bytes.length });
    expect((await stagedRows(upload.id)).map((row) => row.file_index)).toEqual([0, 3]);
    // Neither the refused file's name nor anything identifying in it was logged (warnings and errors: the server's level).
    const log = logged.join('\n');
    for (const phi of [PHI_NAME, ...PHI_STRINGS]) expect(log).not.toContain(phi);
    expect((await discard(upload)).statusCode).toBe(204);
  });

  it('refuses a whole batch whose list is wrong or whose body is not the list\'s length, and takes nothing of it', async () => {
    const upload = await open(requiredId);
    const one = [{ index: 0, bytes: slices[0]!.bytes, report: slices[0]!.report }];
    const refusals = [
      await sendBatch(upload.id, one, { extraBytes: 1 }),
      await sendBatch(upload.id, one, { header: stagedPartsHeader([{ index: 0, bytes: 1 + slices[0]!.report.length + slices[0]!.bytes.length, reportBytes: slices[0]!.report.length, name: 'a.dcm' }]) }),
      await sendBatch(upload.id, one, { header: stagedPartsHeader(Array.from({ length: MAX_STAGED_BATCH_FILES + 1 }, (_, index) => ({ index, bytes: 10, reportBytes: null, name: 'a.dcm' }))) }),
      await sendBatch(upload.id, one, { header: 'not json' }),
    ];
    expect(refusals.map((answer) => answer.statusCode)).toEqual([400, 400, 400, 400]);
    expect(json<{ message: string }>(refusals[2]!).message).toMatch(`1 to ${MAX_STAGED_BATCH_FILES} parts`);
    const noList = await server.app.inject({ method: 'POST', url: `/api/staged-uploads/${upload.id}/files`, headers: { ...admin.auth, 'content-type': 'application/dicom' }, payload: Buffer.from(slices[0]!.bytes) });
    expect(noList.statusCode).toBe(400);
    const notDicom = await server.app.inject({ method: 'POST', url: `/api/staged-uploads/${upload.id}/files`, headers: { ...admin.auth, 'content-type': 'application/octet-stream', [STAGED_PARTS_HEADER]: '[]' }, payload: Buffer.alloc(4) });
    expect(notDicom.statusCode).toBe(415);
    // Another admin's upload is none of theirs.
    expect((await sendBatch(upload.id, one, { as: otherAdmin })).statusCode).toBe(404);
    expect(await stagedRows(upload.id)).toEqual([]);
    expect((await discard(upload)).statusCode).toBe(204);
  });

  it('answers 413 for the parts past the quota while the parts before them stage', async () => {
    const upload = await open(requiredId, otherAdmin);
    const sent = [...slices, ...slices].map((slice, index) => ({ index, bytes: slice.bytes }));
    const answers = answersOf(await sendBatch(upload.id, sent, { as: otherAdmin }));
    const fit = Math.floor(QUOTA / slices[0]!.bytes.length);
    expect(answers.slice(0, fit).every((answer) => answer.staged)).toBe(true);
    expect(answers.slice(fit).map((answer) => ('status' in answer ? [answer.status, answer.error.error] : answer))).toEqual(Array.from({ length: sent.length - fit }, () => [413, 'staged_quota_exceeded']));
    expect(await stagedRows(upload.id)).toHaveLength(fit);
    expect((await discard(upload, otherAdmin)).statusCode).toBe(204);
  });

  it('stores the parts as they are into a dataset without a policy, by the names sent, and refuses a part that carries a report', async () => {
    const upload = await open(offId);
    const answers = answersOf(
      await sendBatch(upload.id, [
        { index: 0, bytes: phiCtSlice(0), name: 'スライス 0.dcm' },
        { index: 1, bytes: slices[1]!.bytes, report: slices[1]!.report },
        { index: 2, bytes: phiCtSlice(2), name: 'a%b/2.dcm' },
      ]),
    );
    expect(answers.map((answer) => ('status' in answer ? answer.status : answer.staged))).toEqual([true, 400, true]);
    expect(answers[1]).toMatchObject({ index: 1, staged: false, error: { error: 'bad_request', message: expect.stringContaining('x-deid-report-bytes') } });
    expect((await stagedRows(upload.id)).map((row) => [row.file_index, row.name, row.report])).toEqual([
      [0, 'スライス 0.dcm', null],
      [2, 'a%b/2.dcm', null],
    ]);
    expect((await discard(upload)).statusCode).toBe(204);
  });
});
