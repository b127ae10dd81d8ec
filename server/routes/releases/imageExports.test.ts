/**
 * A release's per-image archives over HTTP, read back with GNU tar: `geojson.tar` holds an
 * approved slide's outlines as QuPath GeoJSON, `coco.tar` an approved frame set's records as COCO;
 * a CT-only dataset has neither.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchResult, ReleaseSummary } from '../../../src/core/api';
import type { Geometry } from '../../../src/core/annotation';
import type { CocoFile } from '../../../src/core/exchange/coco';
import { UC_ENDOSCOPY_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { seedDemoSlide } from '../../demo/slide/seed';
import { importDicomFiles } from '../../import/importFiles';
import { assignItems, createDataset } from '../../services/datasets';
import { humanBy, label, patchBatch, put, shape } from '../../testing/documents';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

const box: Geometry = { type: 'polygon', points: [[20_000, 10_000], [24_000, 10_000], [24_000, 14_000], [20_000, 14_000]] };

describe.each(testDialects('release-archives'))('release archives on %s', (dialect) => {
  let server: TestServer;
  let lead: SignedIn;
  let ann: SignedIn;
  let rita: SignedIn;
  let work: string;

  const handInAndApprove = async (itemId: string, records: Parameters<typeof put>[0][]) => {
    const response = await patchBatch(server, ann, itemId, `hand-in-${itemId}`, { ops: records.map((record) => put(record)) });
    expect(response.statusCode).toBe(200);
    const { revision } = json<BatchResult>(response);
    expect((await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/submit`, headers: { ...ann.auth, 'if-match': `"${revision}"` } })).statusCode).toBe(200);
    const review = await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/review`, headers: rita.auth, payload: { annotatorId: ann.user.id, decision: 'approve' } });
    expect(review.statusCode).toBe(200);
  };

  /** Makes release 1 of the dataset of `itemId` and extracts `archive` from it: file name → text. */
  const releaseArchive = async (datasetId: string, archive: string): Promise<{ names: string[]; files: Map<string, string> }> => {
    const made = await server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/releases`, headers: lead.auth });
    expect(made.statusCode).toBe(201);
    const summary = json<ReleaseSummary>(made);
    const names = summary.files.map((file) => file.name);
    const files = new Map<string, string>();
    if (!names.includes(archive)) return { names, files };
    const response = await server.app.inject({ method: 'GET', url: `/api/releases/${summary.id}/files/${archive}`, headers: lead.auth });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-tar');
    const dir = await mkdtemp(join(work, 'x-'));
    await writeFile(join(dir, archive), response.rawPayload);
    execFileSync('tar', ['-xf', archive], { cwd: dir });
    for (const name of await readdir(dir)) if (name !== archive) files.set(name, await readFile(join(dir, name), 'utf8'));
    return { names, files };
  };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    lead = await server.signIn('lead', ['wgLead']);
    ann = await server.signIn('ann', ['annotator']);
    rita = await server.signIn('rita', ['reviewer']);
    work = await mkdtemp(join(tmpdir(), 'mejirushi-release-archives-'));
  });
  afterAll(async () => {
    await server.dispose();
    await rm(work, { recursive: true, force: true });
  });

  it('holds an approved slide’s outlines as QuPath GeoJSON, named by item and pseudonymised reader', async () => {
    const at = server.now().toISOString();
    const itemId = await seedDemoSlide(server.db, server.blobs, at, ann.user.id);
    const { dataset_id: datasetId } = await server.db.selectFrom('items').select('dataset_id').where('id', '=', itemId).executeTakeFirstOrThrow();
    await handInAndApprove(itemId, [shape('focus', itemId, box, humanBy(ann.user.id), 'lesion.carcinoma'), label(itemId, 'group.4', humanBy(ann.user.id), 'group')]);

    const { names, files } = await releaseArchive(datasetId, 'geojson.tar');
    expect(names).toEqual(['geojson.tar', 'labels.csv', 'records.json']);
    expect([...files.keys()]).toEqual([`${itemId}.reader-1.geojson`]);
    const text = files.get(`${itemId}.reader-1.geojson`)!;
    expect(text).not.toContain(ann.user.id);
    const collection = JSON.parse(text) as { type: string; features: { id: string; geometry: { type: string; coordinates: number[][][] }; properties: { classification: { name: string } } }[] };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(1);
    expect(collection.features[0]).toMatchObject({ id: 'focus', geometry: { type: 'Polygon' }, properties: { classification: { name: 'Carcinoma' } } });
    expect(collection.features[0]!.geometry.coordinates[0]).toContainEqual([24_000, 14_000]);
  });

  it('holds an approved frame set’s records as COCO: every frame an image, each answer and box', async () => {
    const at = server.now().toISOString();
    const dataset = await createDataset(server.db, { name: 'colitis', description: '', labelSetId: UC_ENDOSCOPY_LABEL_SET.id, labelSetVersion: UC_ENDOSCOPY_LABEL_SET.version }, null, at);
    const stills = await Promise.all(
      [0, 1, 2].map(async (i) => ({ name: `frame-${i}.jpg`, bytes: new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80 + 40 * i, b: 90 } } }).jpeg().toBuffer()) })),
    );
    const report = await importDicomFiles(server.db, dataset.id, stills, null, { blobs: server.blobs, now: server.now });
    expect(report.itemIds).toHaveLength(1);
    const itemId = report.itemIds[0]!;
    await assignItems(server.db, dataset.id, ann.user.id, [itemId], null, at);
    const row = await server.db.selectFrom('items').select('target_ids').where('id', '=', itemId).executeTakeFirstOrThrow();
    const frames = JSON.parse(row.target_ids) as string[];
    const ulcer: Geometry = { type: 'polygon', points: [[4, 4], [20, 4], [20, 16], [4, 16]] };
    await handInAndApprove(itemId, [
      ...frames.map((frame, i) => label(frame, `mayo.${i}`, humanBy(ann.user.id), 'mayo')),
      shape('ulcer-1', frames[2]!, ulcer, humanBy(ann.user.id), 'lesion.ulcer'),
    ]);

    const { names, files } = await releaseArchive(dataset.id, 'coco.tar');
    expect(names).toEqual(['coco.tar', 'labels.csv', 'records.json']);
    const coco = JSON.parse(files.get(`${itemId}.reader-1.coco.json`)!) as CocoFile;
    expect(coco.images.map((image) => [image.file_name, image.width, image.height])).toEqual(frames.map((frame) => [frame, 64, 48]));
    expect(coco.annotations).toHaveLength(1);
    expect(coco.annotations[0]).toMatchObject({ image_id: 3, bbox: [4, 4, 16, 12], area: 192, iscrowd: 0 });
    expect(coco.categories.find((category) => category.id === coco.annotations[0]!.category_id)?.name).toBe('Ulcer');
  });

  it('gives a dataset of CT series neither archive', async () => {
    const { datasetId, itemId } = await server.seedDataset({ name: 'ct', assignTo: [ann.user.id] });
    const row = await server.db.selectFrom('items').select('target_ids').where('id', '=', itemId).executeTakeFirstOrThrow();
    const [slice] = JSON.parse(row.target_ids) as string[];
    await handInAndApprove(itemId, [label(slice!, 'sah.absent', humanBy(ann.user.id))]);
    expect((await releaseArchive(datasetId, 'geojson.tar')).names).toEqual(['labels.csv', 'records.json']);
  });
});
