/**
 * DICOM frame sets end to end over HTTP: a Video Endoscopic instance (H.264 in fragments, written
 * by pydicom around a stream ffmpeg encoded), multi-frame Ophthalmic Photography (JPEG and native
 * RGB), single-frame VL Endoscopic and Ophthalmic instances made by dcmtk's img2dcm and uploaded
 * one a request, and a still turned by its EXIF Orientation. Every fixture is checked by dciodvfy
 * where dicom3tools is installed.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob, ImportReport, ItemDetail, UploadAnswer } from '../../../src/core/api';
import type { FrameSetItem } from '../../../src/core/item';
import { SAH_SLICE_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { collectUnreferencedBlobs } from '../../blobs/gc/collectBlobs';
import { readSpriteManifest } from '../../frames/spriteSheets';
import { importDicomFiles } from '../../import/importFiles';
import { assignItems, createDataset } from '../../services/datasets';
import { dciodvfyErrors, FIXTURE_PATIENT, FRAME_COLOURS, makeDicomVideo, makeImg2dcmSeries, makeMultiFrameOphthalmic, missingDicomFrameTools } from '../../testing/dicomFrameFixtures';
import { referenceFrame } from '../../testing/frameFixtures';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

const HOUR = 3_600_000;
const missing = missingDicomFrameTools();
if (missing) console.warn(`DICOM frame-set suite skipped: ${missing}`);

/** Mean absolute difference of two equally sized RGB buffers, 0–255. */
function meanDifference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs((a[i] as number) - (b[i] as number));
  return sum / a.length;
}

function expectValid(path: string): void {
  const errors = dciodvfyErrors(path);
  if (errors === null) console.warn('dciodvfy is not installed (Debian: dicom3tools): fixtures not checked against their IODs');
  else expect(errors, path).toEqual([]);
}

describe.skipIf(missing !== null).each(testDialects('DICOM frame sets'))('DICOM frame sets (%s)', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let ann: SignedIn;
  let work: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('admin', ['admin']);
    ann = await server.signIn('ann', ['annotator']);
    work = await mkdtemp(join(tmpdir(), 'mejirushi-dicom-frames-test-'));
  });
  afterAll(async () => {
    await server.dispose();
    await rm(work, { recursive: true, force: true });
  });

  async function newDataset(name: string): Promise<string> {
    const dataset = await createDataset(server.db, { name, description: '', labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version }, null, server.now().toISOString());
    return dataset.id;
  }

  /** The item as the annotator it is assigned to gets it: the raw body (to look for patient data) and its frame set. */
  async function annotatorsView(datasetId: string, itemId: string): Promise<{ body: string; title: string; content: FrameSetItem }> {
    await assignItems(server.db, datasetId, ann.user.id, null, null, server.now().toISOString());
    const response = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}`, headers: ann.auth });
    expect(response.statusCode).toBe(200);
    const { item } = json<ItemDetail>(response);
    if (item.content.kind !== 'frameSet') throw new Error(`expected a frame set, got ${item.content.kind}`);
    const list = await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/items`, headers: ann.auth });
    return { body: response.body + list.body, title: item.title, content: item.content };
  }

  const frameOf = (itemId: string, targetId: string | undefined) => server.app.inject({ method: 'GET', url: `/api/items/${itemId}/frames/${targetId}`, headers: ann.auth });

  const upload = (datasetId: string, name: string, payload: Buffer, contentType = 'application/dicom') =>
    server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/files`, headers: { ...admin.auth, 'content-type': contentType, 'x-file-name': name }, payload });

  it('imports a Video Endoscopic instance as a video frame set: every frame counted, each served as ffmpeg decodes the stream', async () => {
    const video = await makeDicomVideo(work, 10, 2);
    expectValid(video.path);
    const datasetId = await newDataset('dicom video');
    const progress: number[] = [];
    const report = await importDicomFiles(server.db, datasetId, [{ name: `${FIXTURE_PATIENT}.dcm`, path: video.path }], admin.user.id, {
      blobs: server.blobs,
      now: server.now,
      onFrameProgress: (_file, done) => progress.push(done),
    });
    expect(report.outcomes).toMatchObject([{ status: 'imported' }]);
    expect(progress.at(-1)).toBe(video.frames);
    const [itemId] = report.itemIds;
    if (!itemId) throw new Error('no item');
    const { body, content } = await annotatorsView(datasetId, itemId);
    for (const secret of [FIXTURE_PATIENT, 'PID-0042']) expect(body).not.toContain(secret);
    expect(content).toMatchObject({ source: 'video', fps: video.fps });
    expect(content.frames.map((frame) => frame.videoFrame)).toEqual(Array.from({ length: video.frames }, (_, i) => i));
    expect(content.frames.every((frame) => frame.width === 160 && frame.height === 120)).toBe(true);

    const k = 13;
    const served = await frameOf(itemId, content.frames[k]?.targetId);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const pixels = await sharp(served.rawPayload).removeAlpha().raw().toBuffer();
    const here = meanDifference(pixels, await referenceFrame(video.stream, k));
    // JPEG's loss on a 160 × 120 frame; a neighbouring frame differs by far more.
    expect(here).toBeLessThan(5);
    expect(meanDifference(pixels, await referenceFrame(video.stream, k + 1))).toBeGreaterThan(here * 2);
    expect(meanDifference(pixels, await referenceFrame(video.stream, k - 1))).toBeGreaterThan(here * 2);

    // Uploaded, a DICOM video is an import job as an MP4 is; the same file again is a duplicate.
    const answer = await upload(datasetId, 'again.dcm', await readFile(video.path));
    expect(answer.statusCode).toBe(202);
    await server.app.ctx.importJobs.idle();
    const job = json<ImportJob>(await server.app.inject({ method: 'GET', url: `/api/import-jobs/${json<ImportJob>(answer).id}`, headers: admin.auth }));
    expect(job).toMatchObject({ state: 'done', report: { outcomes: [{ status: 'duplicate', itemId }] } });
  });

  it('refuses a DICOM video whose NumberOfFrames is not what its stream holds', async () => {
    const video = await makeDicomVideo(work, 10, 1);
    const bytes = await readFile(video.path);
    // "10" → "12" in place: the same length, so the file stays well formed.
    const at = bytes.indexOf(Buffer.from([0x28, 0x00, 0x08, 0x00]));
    const value = at + 8;
    expect(bytes.toString('latin1', value, value + 2)).toBe('10');
    bytes.write('12', value, 'latin1');
    const datasetId = await newDataset('dicom video miscounted');
    const report = await importDicomFiles(server.db, datasetId, [{ name: 'miscounted.dcm', bytes }], admin.user.id, { blobs: server.blobs, now: server.now });
    expect(report.outcomes).toMatchObject([{ status: 'refused', code: 'framesMissing' }]);
    expect(report.outcomes[0]).toHaveProperty('reason', 'it declares 12 frames (NumberOfFrames) but its video stream holds 10');
  });

  it('makes each frame of multi-frame ophthalmic photographs (JPEG and native RGB) a frame, upright and in order', async () => {
    const fundus = await makeMultiFrameOphthalmic(work);
    expectValid(fundus.jpeg);
    expectValid(fundus.rgb);
    const datasetId = await newDataset('ophthalmic multi-frame');
    const report = await importDicomFiles(server.db, datasetId, [{ name: 'jpeg.dcm', path: fundus.jpeg }, { name: 'rgb.dcm', path: fundus.rgb }], admin.user.id, { blobs: server.blobs, now: server.now });
    expect(report.outcomes.map((outcome) => outcome.status)).toEqual(['imported', 'imported']);
    expect(report.itemIds).toHaveLength(2);
    for (const [itemId, tolerance] of report.itemIds.map((id, i) => [id, i === 0 ? 12 : 0] as const)) {
      const { body, title, content } = await annotatorsView(datasetId, itemId);
      expect(body).not.toContain(FIXTURE_PATIENT);
      expect(title).toMatch(/^OP [0-9a-f]{8} \(3 frames\)$/);
      expect(content.source).toBe('images');
      expect(content.frames.map((frame) => [frame.width, frame.height, frame.videoFrame])).toEqual(new Array(3).fill([96, 64, null]));
      expect(content.sprites).toMatchObject({ sheets: 1 });
      for (const [index, colour] of FRAME_COLOURS.entries()) {
        const served = await frameOf(itemId, content.frames[index]?.targetId);
        expect(served.headers['content-type']).toBe('image/png');
        const { data } = await sharp(served.rawPayload).raw().toBuffer({ resolveWithObject: true });
        const at = (x: number, y: number) => [...data.subarray((y * 96 + x) * 3, (y * 96 + x) * 3 + 3)];
        // Exact for native RGB; within JPEG's loss for the JPEG frames. The white square stays top left.
        for (const [channel, value] of colour.entries()) expect(Math.abs((at(60, 40)[channel] as number) - value)).toBeLessThanOrEqual(tolerance);
        expect(Math.min(...at(4, 4))).toBeGreaterThanOrEqual(255 - tolerance);
        expect(Math.max(...at(90, 4))).toBeLessThan(210);
      }
    }
  });

  it('grows one frame set from single-frame instances of a series uploaded one a request, in Instance Number order', async () => {
    const paths = await makeImg2dcmSeries(work, 'endoscopic', [120, 100, 140], [2, 1, 3]);
    for (const path of paths) expectValid(path);
    const datasetId = await newDataset('endoscopy series');
    const answers: ImportReport[] = [];
    for (const path of paths) {
      const answer = await upload(datasetId, `${FIXTURE_PATIENT}-${path.slice(-5)}`, await readFile(path));
      expect(answer.statusCode).toBe(200);
      answers.push(json<UploadAnswer>(answer) as ImportReport);
    }
    const itemIds = new Set(answers.map((answer) => (answer.outcomes[0]?.status === 'imported' ? answer.outcomes[0].itemId : 'not imported')));
    expect(itemIds.size).toBe(1);
    const [itemId] = [...itemIds] as [string];
    const first = await server.db.selectFrom('items').select('content').where('id', '=', itemId).executeTakeFirstOrThrow();
    const { body, title, content } = await annotatorsView(datasetId, itemId);
    expect(body).not.toContain(FIXTURE_PATIENT);
    expect(title).toMatch(/^ES [0-9a-f]{8} \(3 frames\)$/);
    expect(content.frames.map((frame) => frame.width)).toEqual([100, 120, 140]);
    expect(await server.db.selectFrom('items').select('id').where('dataset_id', '=', datasetId).execute()).toHaveLength(1);
    // The first instance's frame kept its file (an annotation on it keeps its target) as the set grew.
    expect(content.frames.map((frame) => frame.targetId)).toContain((JSON.parse(first.content) as FrameSetItem).frames[0]?.targetId);
    // The item owns the sheets of its last sprite manifest only: those of the smaller set before go at the next collection.
    const sheets = await readSpriteManifest(server.blobs, content.sprites?.version ?? '');
    const owned = await server.db.selectFrom('blob_owners').select('sha256').where('owner_kind', '=', 'item').where('owner_id', '=', itemId).execute();
    expect(owned.map((row) => row.sha256).sort()).toEqual([...sheets].sort());
    expect(await collectUnreferencedBlobs(server.db, server.blobs, { now: new Date(Date.now() + 2 * HOUR), graceMs: HOUR, leaseMs: 30_000 })).toMatchObject({ skipped: null });
    const sheet = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/sprites/${content.sprites?.version}/0`, headers: ann.auth });
    expect(sheet.statusCode).toBe(200);

    const again = await upload(datasetId, 'again.dcm', await readFile(paths[0] as string));
    expect(json<ImportReport>(again).outcomes).toMatchObject([{ status: 'duplicate', itemId }]);
  });

  it('groups single-frame Ophthalmic Photography instances of one import call by series', async () => {
    const paths = await makeImg2dcmSeries(work, 'ophthalmic', [110, 130], [1, 2]);
    for (const path of paths) expectValid(path);
    const datasetId = await newDataset('ophthalmic series');
    const report = await importDicomFiles(server.db, datasetId, paths.map((path) => ({ name: path, path })), admin.user.id, { blobs: server.blobs, now: server.now });
    expect(report.itemIds).toHaveLength(1);
    const { content } = await annotatorsView(datasetId, report.itemIds[0] as string);
    expect(content.frames.map((frame) => frame.width)).toEqual([110, 130]);
  });

  it('shows a still turned by its EXIF Orientation upright: its size, the served frame, the thumbnail', async () => {
    // Stored 80 × 40, red on the left half; orientation 6 turns it clockwise: 40 × 80, red on top.
    const pixels = Buffer.alloc(80 * 40 * 3);
    for (let i = 0; i < 80 * 40; i += 1) pixels.set(i % 80 < 40 ? [230, 20, 20] : [20, 20, 230], i * 3);
    const turned = await sharp(pixels, { raw: { width: 80, height: 40, channels: 3 } }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const datasetId = await newDataset('turned still');
    const answer = await upload(datasetId, 'turned.jpg', turned, 'image/jpeg');
    const [outcome] = json<ImportReport>(answer).outcomes;
    if (outcome?.status !== 'imported') throw new Error(`not imported: ${answer.body}`);
    const { content } = await annotatorsView(datasetId, outcome.itemId);
    expect(content.frames.map((frame) => [frame.width, frame.height])).toEqual([[40, 80]]);
    const served = (await frameOf(outcome.itemId, content.frames[0]?.targetId)).rawPayload;
    const meta = await sharp(served).metadata();
    expect([meta.width, meta.height, meta.exif]).toEqual([40, 80, undefined]);
    const { data } = await sharp(served).raw().toBuffer({ resolveWithObject: true });
    expect(data[(10 * 40 + 20) * 3]).toBeGreaterThan(200);
    expect(data[(70 * 40 + 20) * 3]).toBeLessThan(60);
    // Sprite cell 0 (160 × 120): the upright 40 × 80 picture letterboxed to 60 × 120 in its middle, red on top.
    const sheet = await server.app.inject({ method: 'GET', url: `/api/items/${outcome.itemId}/sprites/${content.sprites?.version}/0`, headers: ann.auth });
    const cell = await sharp(sheet.rawPayload).extract({ left: 0, top: 0, width: 160, height: 120 }).raw().toBuffer();
    const red = (x: number, y: number) => cell[(y * 160 + x) * 3] as number;
    expect(red(80, 20)).toBeGreaterThan(180);
    expect(red(80, 100)).toBeLessThan(80);
    expect(red(10, 60)).toBeLessThan(20);
  });
});
