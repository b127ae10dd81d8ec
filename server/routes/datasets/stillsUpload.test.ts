/** A folder of stills uploaded one still a request, then imported as one frame set by name in an import job. */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob, ItemDetail, StagedStill } from '../../../src/core/api';
import { SAH_SLICE_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { assignItems, createDataset } from '../../services/datasets';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

const PATIENT = 'TANAKA^ICHIRO';

describe.each(testDialects('stills folder upload'))('stills folder upload (%s)', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let ann: SignedIn;
  let datasetId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('admin', ['admin']);
    ann = await server.signIn('ann', ['annotator']);
    const dataset = await createDataset(server.db, { name: 'stills', description: '', labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version }, null, server.now().toISOString());
    datasetId = dataset.id;
  });
  afterAll(() => server.dispose());

  const stage = (name: string, payload: Buffer, contentType: string) =>
    server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/stills/files`, headers: { ...admin.auth, 'content-type': contentType, 'x-file-name': name }, payload });

  it('stages each still, then answers the folder with a job that makes it one frame set in natural name order with a report per file', async () => {
    const widths = { [`${PATIENT}/img10.png`]: 30, [`${PATIENT}/img2.jpg`]: 20, [`${PATIENT}/img1.png`]: 10 };
    const staged: { name: string; sha256: string }[] = [];
    for (const [name, width] of Object.entries(widths)) {
      const picture = sharp({ create: { width, height: 12, channels: 3, background: '#806040' } });
      const jpeg = name.endsWith('.jpg');
      const answer = await stage(name, await (jpeg ? picture.jpeg() : picture.png()).toBuffer(), jpeg ? 'image/jpeg' : 'image/png');
      expect(answer.statusCode).toBe(200);
      staged.push({ name, sha256: json<StagedStill>(answer).sha256 });
    }
    // Staged is not imported: the dataset has no item until the folder is sent.
    expect(await server.db.selectFrom('items').select('id').where('dataset_id', '=', datasetId).execute()).toEqual([]);
    staged.push({ name: `${PATIENT}/broken.png`, sha256: json<StagedStill>(await stage('broken.png', Buffer.from('\x89PNG\r\n\x1a\n broken', 'latin1'), 'image/png')).sha256 });

    const answer = await server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/stills`, headers: admin.auth, payload: { files: staged } });
    expect(answer.statusCode).toBe(202);
    const started = json<ImportJob>(answer);
    expect(started).toMatchObject({ state: 'queued', kind: 'stillsFolder', fileName: `${PATIENT}/`, datasetId });
    await server.app.ctx.importJobs.idle();
    const job = json<ImportJob>(await server.app.inject({ method: 'GET', url: `/api/import-jobs/${started.id}`, headers: admin.auth }));
    // A refused still is in the report; the folder's job is done, not failed, for it made the frame set.
    if (job.state !== 'done') throw new Error(`the job should be done, not ${job.state}`);
    const listed = json<ImportJob[]>(await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/import-jobs`, headers: admin.auth }));
    expect(listed.map((other) => other.id)).toContain(started.id);
    const { report } = job;
    expect(report.itemIds).toHaveLength(1);
    expect(report.outcomes.map((outcome) => [outcome.file, outcome.status])).toEqual([
      [`${PATIENT}/broken.png`, 'refused'],
      [`${PATIENT}/img1.png`, 'imported'],
      [`${PATIENT}/img2.jpg`, 'imported'],
      [`${PATIENT}/img10.png`, 'imported'],
    ]);
    const itemId = report.itemIds[0] as string;
    await assignItems(server.db, datasetId, ann.user.id, null, null, server.now().toISOString());
    const detail = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}`, headers: ann.auth });
    expect(detail.body).not.toContain(PATIENT);
    expect(detail.body).not.toContain('img1');
    const { content } = json<ItemDetail>(detail).item;
    if (content.kind !== 'frameSet') throw new Error('not a frame set');
    expect(content.frames.map((frame) => frame.width)).toEqual([10, 20, 30]);
  });

  it('refuses a file that is not a still, and a folder naming a still never staged', async () => {
    const notStill = await stage('notes.png', Buffer.from('hello'), 'image/png');
    expect(notStill.statusCode).toBe(400);
    const unknown = await server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/stills`, headers: admin.auth, payload: { files: [{ name: 'a.png', sha256: 'a'.repeat(64) }] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('upload it first');
  });
});
