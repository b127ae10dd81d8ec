import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeOutlineLayer } from '../../../src/core/outlineLayer';
import { readWholeBlob } from '../../blobs/blobStore';
import { blobStoreIn } from '../../blobs/diskBlobStore';
import { bootstrap } from '../../bootstrap';
import { listOutlineLayers } from '../../services/outlineLayers';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { demoSlideContent, insideRing, tissueDepth } from './layout';
import { DEMO_SLIDE_DATASET_NAME, DEMO_SLIDE_SOURCE_KEY, type DemoSlideTruth } from './seed';
import { demoSlideTileLookup } from './tileSource';
import { DemoSlideTiles } from './tiles';

describe.each(testDialects('demo slide seeding'))('demo slide seeding on %s', (dialect) => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await openTestDatabase(dialect);
  });
  afterEach(async () => database.dispose());

  it('adds the gastric biopsy dataset with the slide, its ground truth and its nuclei layer, once', async () => {
    await bootstrap(database.db, { dataDir: database.dataDir });
    await bootstrap(database.db, { dataDir: database.dataDir });
    const { db } = database;
    const dataset = await db.selectFrom('datasets').selectAll().where('name', '=', DEMO_SLIDE_DATASET_NAME).executeTakeFirstOrThrow();
    expect([dataset.label_set_id, Number(dataset.label_set_version)]).toEqual(['gastric-biopsy', 1]);
    const items = await db.selectFrom('items').selectAll().where('dataset_id', '=', dataset.id).execute();
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect([item.kind, item.source_key, JSON.parse(item.target_ids)]).toEqual(['slide', DEMO_SLIDE_SOURCE_KEY, [item.id]]);
    expect(JSON.parse(item.content)).toEqual(demoSlideContent());

    const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const assignments = await db.selectFrom('assignments').select('user_id').where('item_id', '=', item.id).execute();
    expect(assignments.map((a) => a.user_id)).toEqual([admin.id]);

    const attachment = await db.selectFrom('dataset_attachments').select('body').where('dataset_id', '=', dataset.id).where('name', '=', 'ground-truth').executeTakeFirstOrThrow();
    const truth = JSON.parse(attachment.body) as DemoSlideTruth;
    expect(truth.lesions).toHaveLength(3);
    expect(truth.group).toBe('group.5');
    for (const lesion of truth.lesions) for (const [x, y] of lesion.ring) expect(tissueDepth(x, y)).toBeGreaterThan(0);

    const layers = await listOutlineLayers(db, item.id);
    expect(layers.map((l) => [l.id, l.polygonCount])).toEqual([['nuclei', truth.nucleiCount]]);
    const polygons = decodeOutlineLayer(new Uint8Array(await readWholeBlob(blobStoreIn(database.dataDir), layers[0]!.sha256)));
    expect(polygons.classIndex.length).toBeGreaterThan(90_000);
    // Atypical nuclei (class 1) lie inside the lesions of the ground truth, ordinary ones outside.
    for (let n = 0; n < polygons.classIndex.length; n += 211) {
      const x = polygons.coords[2 * polygons.starts[n]!]!;
      const y = polygons.coords[2 * polygons.starts[n]! + 1]!;
      const inLesion = truth.lesions.some((lesion) => insideRing(lesion.ring, x, y));
      if (polygons.classIndex[n] === 1) expect(inLesion, `nucleus ${n}`).toBe(true);
    }

    const lookup = demoSlideTileLookup(db, new DemoSlideTiles());
    const source = await lookup(item.id);
    const top = demoSlideContent().levels.length - 1;
    const tile = await source!.tile(top, 0, 0);
    expect([...tile!.body.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(tile!.etag).toMatch(/^"demo-slide-v\d+-\d+-0-0"$/);
    expect(await source!.tile(0, 200, 0)).toBeNull();
    const ct = await db.selectFrom('items').select('id').where('kind', '=', 'series').executeTakeFirstOrThrow();
    expect(await lookup(ct.id)).toBeNull();
  }, 120_000);
});
