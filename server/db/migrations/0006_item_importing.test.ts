import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { SAH_SLICE_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { createDataset } from '../../services/datasets';
import { seedBuiltinLabelSets } from '../../services/labelSets';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { hasColumn } from '../dialect';
import { migrateBefore, migrateToLatest, MIGRATIONS } from '../migrations';

// any: the schema before 0006 (no items.importing) is not today's typed Database.
type AnyDb = Kysely<any>;

describe.each(testDialects('0006_item_importing'))('migration 0006_item_importing on %s', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  it('adds items.importing, 0 for the items that were there (complete), and new rows default to 0', async () => {
    database = await openTestDatabase(dialect);
    const old = database.db as AnyDb;
    await migrateBefore(old, '0006');
    expect(await hasColumn(database.db, 'items', 'importing')).toBe(false);
    await seedBuiltinLabelSets(database.db);
    const at = '2026-01-01T00:00:00.000Z';
    const dataset = await createDataset(database.db, { name: 'before', description: '', labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version }, null, at);
    const item = (id: string) => ({ id, dataset_id: dataset.id, title: id, kind: 'series', content: '{}', target_ids: '[]', target_count: 0, source_key: id, sort_key: id, created_at: at, updated_at: at });
    await old.insertInto('items').values(item('old-item')).execute();

    expect(await migrateToLatest(database.db)).toEqual(Object.keys(MIGRATIONS).filter((name) => name >= '0006'));
    await old.insertInto('items').values(item('new-item')).execute();
    const rows = await database.db.selectFrom('items').select(['id', 'importing']).orderBy('id').execute();
    expect(rows.map((row) => [row.id, Number(row.importing)])).toEqual([
      ['new-item', 0],
      ['old-item', 0],
    ]);
  });
});
