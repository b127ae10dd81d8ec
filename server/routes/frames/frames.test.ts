/**
 * Frame sets end to end over HTTP: stills imported from a folder as the CLI walks it, a video made
 * with ffmpeg, then frames and sprite sheets fetched by their readers and refused to others.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileImportOutcome, ImportJob, ImportReport, ItemDetail } from '../../../src/core/api';
import type { FrameSetItem } from '../../../src/core/item';
import { SAH_SLICE_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { listFiles, readFiles } from '../../cli/walk';
import { importDicomFiles } from '../../import/importFiles';
import { assignItems, createDataset } from '../../services/datasets';
import { fundusSample, hasFundusSampleData, jpegWithPatientExif, makeTestVideo, markRotated, referenceFrame, shrunkFundus } from '../../testing/frameFixtures';
import { sampleDataDir } from '../../testing/sampleData';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

const PATIENT = 'YAMADA^TARO';

async function newDataset(server: TestServer, name: string): Promise<string> {
  const dataset = await createDataset(server.db, { name, description: '', labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version }, null, server.now().toISOString());
  return dataset.id;
}

async function detailOf(server: TestServer, who: SignedIn, itemId: string): Promise<{ body: string; content: FrameSetItem }> {
  const response = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}`, headers: who.auth });
  expect(response.statusCode).toBe(200);
  const { content } = json<ItemDetail>(response).item;
  if (content.kind !== 'frameSet') throw new Error(`expected a frame set, got ${content.kind}`);
  return { body: response.body, content };
}

/** Mean absolute difference of two equally sized RGB buffers, 0–255. */
function meanDifference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += Math.abs((a[i] as number) - (b[i] as number));
  return sum / a.length;
}

describe.each(testDialects('frame sets'))('frame sets (%s)', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let ann: SignedIn;
  let stranger: SignedIn;
  let work: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('admin', ['admin']);
    ann = await server.signIn('ann', ['annotator']);
    stranger = await server.signIn('sam', ['annotator']);
    work = await mkdtemp(join(tmpdir(), 'mejirushi-frames-test-'));
  });
  afterAll(async () => {
    await server.dispose();
    await rm(work, { recursive: true, force: true });
  });

  describe.skipIf(!hasFundusSampleData())('stills from a folder', () => {
    if (!hasFundusSampleData()) console.warn(`frame-set stills suite skipped: no fundus photographs under ${sampleDataDir()} (set MEJIRUSHI_SAMPLE_DATA)`);
    let datasetId: string;
    let report: ImportReport;
    const progress: [string, number, number][] = [];
    const folder = () => join(work, 'stills');

    beforeAll(async () => {
      const eyes = join(folder(), 'clinic-A');
      await mkdir(eyes, { recursive: true });
      await mkdir(join(folder(), 'clinic-B'), { recursive: true });
      // Named so that natural order (1, 2, 10) differs from plain text order (1, 10, 2).
      await shrunkFundus('retina_normal_left_eye.jpg', 320, join(eyes, 'eye10.jpg'));
      await shrunkFundus('idrid/IDRiD_01.jpg', 480, join(eyes, 'eye2.jpg'));
      await copyFile(fundusSample('microaneurysms_hrf07dr_crop.png'), join(eyes, 'eye1.png'));
      await writeFile(join(eyes, `${PATIENT}.jpg`), await jpegWithPatientExif(join(eyes, 'eye2.jpg'), PATIENT));
      const whole = await readFile(fundusSample('idrid/IDRiD_03.jpg'));
      await writeFile(join(eyes, 'cut-off.jpg'), whole.subarray(0, Math.floor(whole.length / 2)));
      await shrunkFundus('idrid/IDRiD_17.jpg', 400, join(folder(), 'clinic-B', 'only.jpg'));
      datasetId = await newDataset(server, 'fundus');
      report = await importDicomFiles(server.db, datasetId, readFiles(folder(), await listFiles(folder())), admin.user.id, {
        blobs: server.blobs,
        now: server.now,
        onFrameProgress: (file, done, total) => progress.push([file, done, total]),
      });
      await assignItems(server.db, datasetId, ann.user.id, null, null, server.now().toISOString());
    });

    it('makes one frame set per folder, refuses the cut-off still with its reason and imports the rest', () => {
      const byFile = new Map(report.outcomes.map((outcome) => [outcome.file, outcome]));
      const refused = byFile.get(join('clinic-A', 'cut-off.jpg'));
      expect(refused).toMatchObject({ status: 'refused', code: 'imageUnreadable' });
      expect((refused as Extract<FileImportOutcome, { status: 'refused' }>).reason).toMatch(/does not decode: .*(premature end|damaged or cut short)/i);
      const imported = report.outcomes.filter((outcome) => outcome.status === 'imported');
      expect(imported).toHaveLength(5);
      expect(report.itemIds).toHaveLength(2);
      // Progress per still, in the order they were done, with the folder's total.
      expect(progress.filter(([file]) => file.startsWith('clinic-A')).map(([, done, total]) => [done, total])).toEqual([1, 2, 3, 4, 5].map((done) => [done, 5]));
    });

    it('orders frames by natural file name, gives their true sizes and names no file to an annotator', async () => {
      const clinicA = report.outcomes.find((outcome) => outcome.file === join('clinic-A', 'eye1.png'));
      if (clinicA?.status !== 'imported') throw new Error('eye1.png was not imported');
      const { body, content } = await detailOf(server, ann, clinicA.itemId);
      expect(content.source).toBe('images');
      const sizes = content.frames.map((frame) => [frame.width, frame.height, frame.videoFrame]);
      // eye1.png 102², eye2.jpg 480×319, eye10.jpg 320², then the EXIF copy of eye2 (its name sorts after "eye").
      expect(sizes).toEqual([
        [102, 102, null],
        [480, 319, null],
        [320, 320, null],
        [480, 319, null],
      ]);
      for (const secret of ['eye1', 'eye10', 'clinic', PATIENT, 'cut-off']) expect(body).not.toContain(secret);
    });

    it('serves a still byte for byte as imported, and one with EXIF without it', async () => {
      const clinicA = report.outcomes.find((outcome) => outcome.file === join('clinic-A', 'eye10.jpg'));
      if (clinicA?.status !== 'imported') throw new Error('eye10.jpg was not imported');
      const { content } = await detailOf(server, ann, clinicA.itemId);
      const [png, eye2, eye10, withExif] = content.frames;
      const fetchFrame = (targetId: string) => server.app.inject({ method: 'GET', url: `/api/items/${clinicA.itemId}/frames/${targetId}`, headers: ann.auth });
      const plain = await fetchFrame(eye10?.targetId ?? '');
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-type']).toBe('image/jpeg');
      expect(plain.headers['cache-control']).toBe('private, max-age=31536000, immutable');
      expect(plain.rawPayload).toEqual(await readFile(join(folder(), 'clinic-A', 'eye10.jpg')));
      const pngResponse = await fetchFrame(png?.targetId ?? '');
      expect(pngResponse.headers['content-type']).toBe('image/png');
      expect(pngResponse.rawPayload).toEqual(await readFile(fundusSample('microaneurysms_hrf07dr_crop.png')));

      const original = await readFile(join(folder(), 'clinic-A', `${PATIENT}.jpg`));
      expect(original.includes(PATIENT)).toBe(true);
      const stripped = (await fetchFrame(withExif?.targetId ?? '')).rawPayload;
      expect(stripped.includes(PATIENT)).toBe(false);
      expect(await sharp(stripped).raw().toBuffer()).toEqual(await sharp(original).raw().toBuffer());
      expect((await fetchFrame(eye2?.targetId ?? '')).statusCode).toBe(200);

      const again = await server.app.inject({ method: 'GET', url: `/api/items/${clinicA.itemId}/frames/${eye10?.targetId}`, headers: { ...ann.auth, 'if-none-match': plain.headers.etag as string } });
      expect(again.statusCode).toBe(304);
    });

    it('serves the sprite sheet at its fixed size, with each still in its cell', async () => {
      const clinicA = report.outcomes.find((outcome) => outcome.file === join('clinic-A', 'eye1.png'));
      if (clinicA?.status !== 'imported') throw new Error('eye1.png was not imported');
      const { content } = await detailOf(server, ann, clinicA.itemId);
      const sprites = content.sprites;
      expect(sprites).toMatchObject({ cellWidth: 160, cellHeight: 120, columns: 10, rows: 10, sheets: 1 });
      if (!sprites) return;
      const sheet = await server.app.inject({ method: 'GET', url: `/api/items/${clinicA.itemId}/sprites/${sprites.version}/0`, headers: ann.auth });
      expect(sheet.statusCode).toBe(200);
      expect(sheet.headers['content-type']).toBe('image/jpeg');
      expect(sheet.headers['cache-control']).toBe('private, max-age=31536000, immutable');
      const { width, height } = await sharp(sheet.rawPayload).metadata();
      expect([width, height]).toEqual([1600, 1200]);
      // Cell 1 (eye2, 480×319 letterboxed to 160×106) has picture in its middle; cell 5, unused, is black.
      const cellMean = async (cell: number) => {
        const region = await sharp(sheet.rawPayload).extract({ left: (cell % 10) * 160 + 40, top: Math.floor(cell / 10) * 120 + 30, width: 80, height: 60 }).raw().toBuffer();
        return region.reduce((sum, value) => sum + value, 0) / region.length;
      };
      expect(await cellMean(1)).toBeGreaterThan(20);
      expect(await cellMean(5)).toBeLessThan(3);
      const missing = await server.app.inject({ method: 'GET', url: `/api/items/${clinicA.itemId}/sprites/${sprites.version}/1`, headers: ann.auth });
      expect(missing.statusCode).toBe(404);
      const wrongVersion = await server.app.inject({ method: 'GET', url: `/api/items/${clinicA.itemId}/sprites/${'0'.repeat(64)}/0`, headers: ann.auth });
      expect(wrongVersion.statusCode).toBe(404);
    });

    it('refuses frames and sprites to an annotator the item is not assigned to, as if it did not exist', async () => {
      const clinicA = report.outcomes.find((outcome) => outcome.file === join('clinic-A', 'eye1.png'));
      if (clinicA?.status !== 'imported') throw new Error('eye1.png was not imported');
      const { content } = await detailOf(server, ann, clinicA.itemId);
      const frame = await server.app.inject({ method: 'GET', url: `/api/items/${clinicA.itemId}/frames/${content.frames[0]?.targetId}`, headers: stranger.auth });
      expect(frame.statusCode).toBe(404);
      const sheet = await server.app.inject({ method: 'GET', url: `/api/items/${clinicA.itemId}/sprites/${content.sprites?.version}/0`, headers: stranger.auth });
      expect(sheet.statusCode).toBe(404);
      const anonymous = await server.app.inject({ method: 'GET', url: `/api/items/${clinicA.itemId}/frames/${content.frames[0]?.targetId}` });
      expect(anonymous.statusCode).toBe(401);
    });

    it('reports the same folder imported again as duplicates, adding no item', async () => {
      const again = await importDicomFiles(server.db, datasetId, readFiles(folder(), await listFiles(folder())), admin.user.id, { blobs: server.blobs, now: server.now });
      expect(again.itemIds).toEqual([]);
      expect(again.outcomes.filter((outcome) => outcome.status === 'duplicate')).toHaveLength(5);
      expect(again.outcomes.filter((outcome) => outcome.status === 'refused')).toHaveLength(1);
    });
  });

  it('makes the stills of one import call one frame set, the same still twice kept once', async () => {
    const still = (shade: number) => sharp({ create: { width: 64, height: 48, channels: 3, background: { r: shade, g: shade, b: shade } } }).png().toBuffer();
    const [dark, light] = [await still(30), await still(220)];
    const datasetId = await newDataset(server, 'bytes');
    const report = await importDicomFiles(
      server.db,
      datasetId,
      [
        { name: 'b-10.png', bytes: light },
        { name: 'b-9.png', bytes: dark },
        { name: 'again.png', bytes: dark },
      ],
      admin.user.id,
      { blobs: server.blobs, now: server.now },
    );
    expect(report.itemIds).toHaveLength(1);
    const [itemId] = report.itemIds;
    expect(report.outcomes.map((outcome) => [outcome.file, outcome.status])).toEqual([
      ['again.png', 'imported'],
      ['b-9.png', 'duplicate'],
      ['b-10.png', 'imported'],
    ]);
    expect(report.outcomes.find((outcome) => outcome.file === 'b-9.png')).toMatchObject({ itemId });
    const { content } = await detailOf(server, admin, itemId ?? '');
    expect(content.frames).toHaveLength(2);
    const served = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/frames/${content.frames[1]?.targetId}`, headers: admin.auth });
    expect(served.rawPayload).toEqual(light);
  });

  describe('a video', () => {
    it.each(['mp4', 'webm'] as const)('imports a %s with every frame counted, each served as decoded', async (format) => {
      const path = join(work, `clip.${format}`);
      const [fps, seconds] = format === 'mp4' ? [25, 3] : [10, 2];
      await makeTestVideo(path, { format, width: 320, height: 240, fps, seconds });
      const datasetId = await newDataset(server, `video ${format}`);
      const progress: number[] = [];
      const report = await importDicomFiles(server.db, datasetId, [{ name: `patient-${PATIENT}.${format}`, path }], admin.user.id, {
        blobs: server.blobs,
        now: server.now,
        onFrameProgress: (_file, done, total) => {
          expect(total).toBe(fps * seconds);
          progress.push(done);
        },
      });
      expect(report.outcomes).toMatchObject([{ status: 'imported' }]);
      expect(progress.at(-1)).toBe(fps * seconds);
      const [itemId] = report.itemIds;
      if (!itemId) throw new Error('no item');
      await assignItems(server.db, datasetId, ann.user.id, null, null, server.now().toISOString());
      const { body, content } = await detailOf(server, ann, itemId);
      expect(body).not.toContain(PATIENT);
      expect(content.source).toBe('video');
      expect(content.fps).toBe(fps);
      expect(content.frames).toHaveLength(fps * seconds);
      expect(content.frames.map((frame) => frame.videoFrame)).toEqual(Array.from({ length: fps * seconds }, (_, i) => i));
      expect(content.frames.every((frame) => frame.width === 320 && frame.height === 240)).toBe(true);
      expect(content.sprites).toMatchObject({ columns: 10, rows: 10, sheets: Math.ceil((fps * seconds) / 100) });

      // Frame-accurate: the served frame k is ffmpeg's own frame k, not a neighbour.
      const k = fps + 3;
      const served = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/frames/${content.frames[k]?.targetId}`, headers: ann.auth });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/jpeg');
      const pixels = await sharp(served.rawPayload).removeAlpha().raw().toBuffer();
      const here = meanDifference(pixels, await referenceFrame(path, k));
      expect(here).toBeLessThan(3);
      expect(meanDifference(pixels, await referenceFrame(path, k + 1))).toBeGreaterThan(here * 2);
      expect(meanDifference(pixels, await referenceFrame(path, k - 1))).toBeGreaterThan(here * 2);

      const sheet = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/sprites/${content.sprites?.version}/0`, headers: ann.auth });
      const { width, height } = await sharp(sheet.rawPayload).metadata();
      expect([width, height]).toEqual([1600, 1200]);
      const refused = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/frames/${content.frames[0]?.targetId}`, headers: stranger.auth });
      expect(refused.statusCode).toBe(404);
      // The video as imported is no reader's: not through the item's file route either.
      const original = await server.db.selectFrom('item_files').select('id').where('item_id', '=', itemId).where('sop_instance_uid', 'like', 'video:%').where('sop_instance_uid', 'not like', '%#%').executeTakeFirstOrThrow();
      const asFile = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/files/${original.id}`, headers: ann.auth });
      expect(asFile.statusCode).toBe(404);
    });

    it('gives a video recorded turned the size of its frames as shown, not as stored', async () => {
      const path = join(work, 'upright.mp4');
      await makeTestVideo(path, { format: 'mp4', width: 160, height: 120, fps: 10, seconds: 1 });
      await markRotated(path, join(work, 'turned.mp4'));
      const datasetId = await newDataset(server, 'turned video');
      const report = await importDicomFiles(server.db, datasetId, [{ name: 'turned.mp4', path: join(work, 'turned.mp4') }], admin.user.id, { blobs: server.blobs, now: server.now });
      const [itemId] = report.itemIds;
      if (!itemId) throw new Error(`not imported: ${JSON.stringify(report.outcomes)}`);
      const { content } = await detailOf(server, admin, itemId);
      expect(content.frames.map((frame) => [frame.width, frame.height])).toEqual(new Array(10).fill([120, 160]));
      const frame = await server.app.inject({ method: 'GET', url: `/api/items/${itemId}/frames/${content.frames[0]?.targetId}`, headers: admin.auth });
      const { width, height } = await sharp(frame.rawPayload).metadata();
      expect([width, height]).toEqual([120, 160]);
    });

    it('refuses a cut-off video with its reason', async () => {
      const path = join(work, 'whole.mp4');
      await makeTestVideo(path, { format: 'mp4', width: 160, height: 120, fps: 10, seconds: 2 });
      const whole = await readFile(path);
      const datasetId = await newDataset(server, 'broken video');
      const report = await importDicomFiles(server.db, datasetId, [{ name: 'cut.mp4', bytes: whole.subarray(0, 2000) }], admin.user.id, { blobs: server.blobs, now: server.now });
      expect(report.outcomes).toMatchObject([{ status: 'refused', code: 'videoUnreadable' }]);
      expect(report.itemIds).toEqual([]);
    });

    it('takes a video upload as an import job that reports its frames, then the per-file report', async () => {
      const path = join(work, 'upload.mp4');
      await makeTestVideo(path, { format: 'mp4', width: 160, height: 120, fps: 10, seconds: 2 });
      const datasetId = await newDataset(server, 'uploaded video');
      // Every phase the job row goes through, as the database saw it (SQLite's trigger syntax).
      if (dialect === 'sqlite') {
        await sql`create table job_phases (phase text, percent integer)`.execute(server.db);
        await sql`create trigger job_phase after update of phase on import_jobs begin insert into job_phases values (new.phase, new.percent); end`.execute(server.db);
      }
      const answer = await server.app.inject({
        method: 'POST',
        url: `/api/datasets/${datasetId}/files`,
        headers: { ...admin.auth, 'content-type': 'video/mp4', 'x-file-name': 'upload.mp4' },
        payload: await readFile(path),
      });
      expect(answer.statusCode).toBe(202);
      const job = json<ImportJob>(answer);
      await server.app.ctx.importJobs.idle();
      const done = json<ImportJob>(await server.app.inject({ method: 'GET', url: `/api/import-jobs/${job.id}`, headers: admin.auth }));
      expect(done).toMatchObject({ state: 'done', report: { outcomes: [{ status: 'imported', file: 'upload.mp4' }] } });
      if (dialect === 'sqlite') {
        const phases = await sql<{ phase: string | null; percent: number }>`select phase, percent from job_phases`.execute(server.db);
        // ffmpeg reports progress twice a second, so a 2-second clip may go from opening straight to
        // its last frame; "storing" is written only when the frames were reported to the end.
        expect(phases.rows.map((row) => row.phase)).toEqual(expect.arrayContaining(['opening', 'storing']));
      }
    });
  });
});
