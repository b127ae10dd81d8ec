import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchResult } from '../../../src/core/api';
import { SAH_SLICE_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { createDataset } from '../../services/datasets';
import { seedBuiltinLabelSets } from '../../services/labelSets';
import { fillReviewFlags } from '../../services/review/queueEntries';
import { humanBy, label, patchBatch, put } from '../../testing/documents';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';
import { migrateBefore, migrateToLatest, MIGRATIONS } from '../migrations';

// any: the schema before 0015 (no review_queue) is not today's typed Database.
type AnyDb = Kysely<any>;

describe.each(testDialects('0015_review_queue'))('migration 0015_review_queue on %s', (dialect) => {
  let database: TestDatabase | undefined;
  let server: TestServer | undefined;
  afterEach(async () => {
    await database?.dispose();
    await server?.dispose();
    database = undefined;
    server = undefined;
  });

  it('enters the work handed in before it, uncompared until the start-up fill compares it', async () => {
    database = await openTestDatabase(dialect);
    const old = database.db as AnyDb;
    await migrateBefore(old, '0015');
    await seedBuiltinLabelSets(database.db);
    const at = '2026-01-01T00:00:00.000Z';
    const dataset = await createDataset(database.db, { name: 'before', description: '', labelSetId: SAH_SLICE_LABEL_SET.id, labelSetVersion: SAH_SLICE_LABEL_SET.version }, null, at);
    await old
      .insertInto('items')
      .values({ id: 'item', dataset_id: dataset.id, title: 'item', kind: 'series', content: '{}', target_ids: '["s1"]', target_count: 1, source_key: 'item', sort_key: 'item', created_at: at, updated_at: at })
      .execute();
    const states = { a: 'submitted', b: 'approved', c: 'inProgress', d: 'returned' };
    for (const [id, state] of Object.entries(states)) {
      await old.insertInto('users').values({ id, username: id, display_name: id, roles: '["annotator"]', password_hash: 'x', must_change_password: 0, created_at: at }).execute();
      await old.insertInto('assignments').values({ item_id: 'item', user_id: id, state, updated_at: `2026-01-0${Object.keys(states).indexOf(id) + 2}T00:00:00.000Z` }).execute();
    }

    expect(await migrateToLatest(database.db)).toEqual(Object.keys(MIGRATIONS).filter((name) => name >= '0015'));
    const rows = () => database!.db.selectFrom('review_queue').select(['annotator_id', 'dataset_id', 'state', 'submitted_at', 'disagrees']).orderBy('annotator_id').execute();
    expect((await rows()).map((row) => [row.annotator_id, row.dataset_id, row.state, row.submitted_at, row.disagrees])).toEqual([
      ['a', dataset.id, 'submitted', '2026-01-02T00:00:00.000Z', null],
      ['b', dataset.id, 'approved', '2026-01-03T00:00:00.000Z', null],
      ['d', dataset.id, 'returned', '2026-01-05T00:00:00.000Z', null],
    ]);
    expect(await fillReviewFlags(database.db)).toBe(1);
    // Neither handed-in reader labelled anything: nothing differs.
    expect((await rows()).map((row) => Number(row.disagrees))).toEqual([0, 0, 0]);
    expect(await fillReviewFlags(database.db)).toBe(0);
  });

  it('start-up fill finds the readers’ differences as a submit would', async () => {
    server = await startTestServer(dialect);
    const readers: SignedIn[] = [await server.signIn('ann', ['annotator']), await server.signIn('bob', ['annotator'])];
    const seeded = await server.seedDataset({ assignTo: readers.map((reader) => reader.user.id) });
    for (const [i, reader] of readers.entries()) {
      const record = label(seeded.targetIds[0]!, i === 0 ? 'sah.present' : 'sah.absent', humanBy(reader.user.id));
      const written = await patchBatch(server, reader, seeded.itemId, `w-${i}`, { ops: [put(record)] });
      const { revision } = json<BatchResult>(written);
      const submitted = await server.app.inject({ method: 'POST', url: `/api/items/${seeded.itemId}/submit`, headers: { ...reader.auth, 'if-match': `"${revision}"` } });
      expect(submitted.statusCode).toBe(200);
    }
    const flags = async () => (await server!.db.selectFrom('review_queue').select('disagrees').execute()).map((row) => row.disagrees);
    expect((await flags()).map(Number)).toEqual([1, 1]);
    await server.db.updateTable('review_queue').set({ disagrees: null }).execute();
    expect(await fillReviewFlags(server.db)).toBe(1);
    expect((await flags()).map(Number)).toEqual([1, 1]);
  });
});
