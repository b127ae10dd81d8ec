import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { createDataset } from '../../services/datasets';
import { seedBuiltinLabelSets } from '../../services/labelSets';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { migrateBefore, migrateToLatest } from '../migrations';

// any: the schema before 0009 is not today's typed Database.
type AnyDb = Kysely<any>;

describe.each(testDialects('0009_slide_tile_version'))('migration 0009_slide_tile_version on %s', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  it('gives slide items stored before the version of their tile pack, the demo slide its own, and leaves other items alone', async () => {
    database = await openTestDatabase(dialect);
    await migrateBefore(database.db as AnyDb, '0009');
    await seedBuiltinLabelSets(database.db);
    const at = '2026-01-01T00:00:00.000Z';
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    const dataset = await createDataset(database.db, { name: 'slides', description: '', labelSetId: id, labelSetVersion: version }, null, at);
    const slide = { kind: 'slide', levels: [{ width: 10, height: 10, downsample: 1 }], micronsPerPixel: null, tileSize: 256, tileFormat: 'jpeg', objectivePower: null, scanner: null };
    const series = { kind: 'series', slices: [] };
    const item = (itemId: string, kind: string, content: object) => ({
      id: itemId, dataset_id: dataset.id, title: itemId, kind, content: JSON.stringify(content), target_ids: '[]', target_count: 0,
      source_key: itemId, sort_key: itemId, created_at: at, updated_at: at,
    });
    await database.db.insertInto('items').values([item('packed', 'slide', slide), item('demo', 'slide', slide), item('ct', 'series', series)]).execute();
    const pack = `${'ab'.repeat(8)}${'c'.repeat(48)}`;
    await database.db.insertInto('slides').values({ item_id: 'packed', pack_sha256: pack, index_sha256: 'd'.repeat(64), source_sha256: 'e'.repeat(64), source_name: 'a.svs', facts: '{}', created_at: at }).execute();

    expect(await migrateToLatest(database.db)).toContain('0009_slide_tile_version');
    const contents = Object.fromEntries((await database.db.selectFrom('items').select(['id', 'content']).execute()).map((row) => [row.id, JSON.parse(row.content) as unknown]));
    expect(contents).toEqual({
      packed: { ...slide, tileVersion: 'abababababababab' },
      demo: { ...slide, tileVersion: 'demo-v1' },
      ct: series,
    });
  });
});
