import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { createDataset } from '../../services/datasets';
import { seedBuiltinLabelSets } from '../../services/labelSets';
import { openTestDatabase, tableNames, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { migrateBefore, migrateToLatest, MIGRATIONS } from '../migrations';

// any: the schema before 0007 (no slides table) is not today's typed Database.
type AnyDb = Kysely<any>;

describe.each(testDialects('0007_slides'))('migration 0007_slides on %s', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  it('adds the slides table, one row per slide item, removed with its item', async () => {
    database = await openTestDatabase(dialect);
    await migrateBefore(database.db as AnyDb, '0007');
    expect(await tableNames(database.db)).not.toContain('slides');

    expect(await migrateToLatest(database.db)).toEqual(Object.keys(MIGRATIONS).filter((name) => name >= '0007'));
    await seedBuiltinLabelSets(database.db);
    const at = '2026-01-01T00:00:00.000Z';
    const { id, version } = GASTRIC_BIOPSY_LABEL_SET;
    const dataset = await createDataset(database.db, { name: 'slides', description: '', labelSetId: id, labelSetVersion: version }, null, at);
    const sha = (c: string) => c.repeat(64);
    await database.db
      .insertInto('items')
      .values({ id: 'slide-1', dataset_id: dataset.id, title: 's', kind: 'slide', content: '{}', target_ids: '["slide-1"]', target_count: 1, source_key: sha('a'), sort_key: 's', created_at: at, updated_at: at })
      .execute();
    const row = { item_id: 'slide-1', pack_sha256: sha('b'), index_sha256: sha('c'), source_sha256: sha('a'), source_name: 'a.svs', facts: '{}', created_at: at };
    await database.db.insertInto('slides').values(row).execute();
    expect(await database.db.selectFrom('slides').selectAll().execute()).toEqual([row]);
    await expect(database.db.insertInto('slides').values(row).execute()).rejects.toThrow();

    await database.db.deleteFrom('items').where('id', '=', 'slide-1').execute();
    expect(await database.db.selectFrom('slides').selectAll().execute()).toEqual([]);
  });
});
