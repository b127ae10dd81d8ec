import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudySeriesPage } from '../../../src/core/api';
import { SAH_SLICE_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { DEMO_STUDY_SERIES, demoStudyFiles } from '../../demo/study';
import { importDicomFiles } from '../../import/importFiles';
import { assignItems, createDataset } from '../../services/datasets';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

describe.each(testDialects('study series'))('the series of an item study on %s', (dialect) => {
  let server: TestServer;
  let ann: SignedIn;
  let reviewer: SignedIn;
  /** The demo study's items, by series number. */
  let five: string;
  let ten: string;
  let lone: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ann = await server.signIn('ann', ['annotator']);
    reviewer = await server.signIn('rita', ['reviewer']);
    const at = server.now().toISOString();
    const dataset = await createDataset(server.db, { name: 'study', description: '', labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version }, null, at);
    await importDicomFiles(server.db, dataset.id, demoStudyFiles(), null, { blobs: server.blobs, now: server.now });
    const rows = await server.db.selectFrom('items').select(['id', 'series_number']).where('dataset_id', '=', dataset.id).orderBy('series_number').execute();
    [five, ten] = rows.map((row) => row.id) as [string, string];
    await assignItems(server.db, dataset.id, ann.user.id, [five], null, at);
    // Another study of one series in its own dataset.
    ({ itemId: lone } = await server.seedDataset({ assignTo: [ann.user.id] }));
  });
  afterAll(async () => server.dispose());

  const study = async (who: SignedIn, itemId: string, query = '') => server.app.inject({ method: 'GET', url: `/api/items/${itemId}/study${query}`, headers: who.auth });

  it('lists every series of the study, with number, description, modality and slice count, to one who sees all items', async () => {
    const response = await study(reviewer, five);
    expect(response.statusCode).toBe(200);
    const page = json<StudySeriesPage>(response);
    expect(page.nextCursor).toBeNull();
    const bySeries = [...page.series].sort((a, b) => (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0));
    expect(bySeries.map((s) => [s.itemId, s.seriesNumber, s.seriesDescription, s.modality, s.sliceCount])).toEqual(
      DEMO_STUDY_SERIES.map((s, i) => [[five, ten][i], s.number, s.description, 'CT', s.sliceCount]),
    );
  });

  it('lists to a reader only the series assigned to them, and hides the others as it hides their items', async () => {
    expect(json<StudySeriesPage>(await study(ann, five)).series.map((s) => s.itemId)).toEqual([five]);
    expect((await study(ann, ten)).statusCode).toBe(404);
  });

  it('answers a study of one series with that series alone', async () => {
    expect(json<StudySeriesPage>(await study(ann, lone)).series.map((s) => s.itemId)).toEqual([lone]);
  });

  it('pages by item id', async () => {
    const first = json<StudySeriesPage>(await study(reviewer, five, '?limit=1'));
    expect(first.series).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = json<StudySeriesPage>(await study(reviewer, five, `?limit=1&cursor=${first.nextCursor}`));
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.series, ...second.series].map((s) => s.itemId))).toEqual(new Set([five, ten]));
    expect((await study(reviewer, five, '?cursor=not-ours')).statusCode).toBe(400);
  });

  it('renders the middle slice as a small JPEG, revalidated by the slice file hash', async () => {
    const url = `/api/items/${ten}/thumbnail`;
    const response = await server.app.inject({ method: 'GET', url, headers: reviewer.auth });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(response.headers['cache-control']).toBe('private, no-store');
    const { width, height, format } = await sharp(response.rawPayload).metadata();
    expect([format, width, height]).toEqual(['jpeg', 128, 128]);
    // The middle slice of a head shows the head: brighter at the centre than in the corner (air).
    const { data, info } = await sharp(response.rawPayload).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(data[64 * info.width + 64] ?? 0).toBeGreaterThan((data[2 * info.width + 2] ?? 0) + 40);
    const etag = response.headers.etag as string;
    const again = await server.app.inject({ method: 'GET', url, headers: { ...reviewer.auth, 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect((await server.app.inject({ method: 'GET', url, headers: ann.auth })).statusCode).toBe(404);
  });
});
