import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { TargetLabel } from '../../../src/core/annotation';
import { UC_ENDOSCOPY_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { createDataset } from '../../services/datasets';
import { seedBuiltinLabelSets } from '../../services/labelSets';
import { humanBy, proposal } from '../../testing/documents';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { migrateBefore, migrateToLatest, MIGRATIONS } from '../migrations';

// any: the schema before 0021 (no label_coverage) is not today's typed Database.
type AnyDb = Kysely<any>;

describe.each(testDialects('0021_label_coverage'))('migration 0021_label_coverage on %s', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  it('recounts a document whose range was counted at its first frame, and stores the ranges’ spans', async () => {
    database = await openTestDatabase(dialect);
    const old = database.db as AnyDb;
    await migrateBefore(old, '0021');
    await seedBuiltinLabelSets(database.db);
    const at = '2026-01-01T00:00:00.000Z';
    const dataset = await createDataset(database.db, { name: 'before', description: '', labelSetId: UC_ENDOSCOPY_LABEL_SET.id, labelSetVersion: UC_ENDOSCOPY_LABEL_SET.version }, null, at);
    const frames = Array.from({ length: 10 }, (_, i) => ({ targetId: `f${i}`, fileId: `file-${i}`, videoFrame: i, width: 8, height: 8 }));
    const content = { kind: 'frameSet', source: 'video', fps: 25, frames };
    await old
      .insertInto('items')
      .values({ id: 'item', dataset_id: dataset.id, title: 'item', kind: 'frameSet', content: JSON.stringify(content), target_ids: '[]', target_count: 10, source_key: 'item', sort_key: 'item', created_at: at, updated_at: at })
      .execute();
    await old.insertInto('users').values({ id: 'ann', username: 'ann', display_name: 'ann', roles: '["annotator"]', password_hash: 'x', must_change_password: 0, created_at: at }).execute();
    await old.insertInto('annotation_docs').values({ id: 'doc', item_id: 'item', annotator_id: 'ann', revision: 1, labelled: 2, updated_at: at, migrated_revision: 0, record_count: 3 }).execute();
    const labels: TargetLabel[] = [
      { type: 'label', id: 'range:site:1', questionId: 'site', targetId: 'f2', endTargetId: 'f7', classCodes: ['site.rectum'], provenance: humanBy('ann') },
      { type: 'label', id: 'label:mayo:f0', questionId: 'mayo', targetId: 'f0', classCodes: ['mayo.1'], provenance: humanBy('ann') },
      { type: 'label', id: 'label:mayo:f9', questionId: 'mayo', targetId: 'f9', classCodes: ['mayo.2'], provenance: proposal() },
    ];
    for (const label of labels) {
      await old
        .insertInto('annotation_records')
        .values({
          item_id: 'item',
          annotator_id: 'ann',
          record_id: label.id,
          version: 1,
          schema: 1,
          type: 'label',
          question_id: label.questionId,
          target_id: label.targetId,
          deleted: 0,
          settled: label.provenance.decision === 'pending' ? 0 : 1,
          body: JSON.stringify(label),
          updated_at: at,
          updated_seq: 1,
        })
        .execute();
    }

    expect(await migrateToLatest(database.db)).toEqual(Object.keys(MIGRATIONS).filter((name) => name >= '0021'));
    const head = await database.db.selectFrom('annotation_docs').select('labelled').where('id', '=', 'doc').executeTakeFirstOrThrow();
    expect(Number(head.labelled)).toBe(7);
    const spans = await database.db.selectFrom('annotation_records').select(['record_id', 'target_index', 'end_target_index']).orderBy('record_id').execute();
    expect(spans.map((row) => [row.record_id, row.target_index, row.end_target_index])).toEqual([
      ['label:mayo:f0', 0, 0],
      ['label:mayo:f9', 9, 9],
      ['range:site:1', 2, 7],
    ]);
    const root = await database.db.selectFrom('label_coverage').select('covered').where('item_id', '=', 'item').where('node', '=', 1).executeTakeFirstOrThrow();
    expect(Number(root.covered)).toBe(7);
  });
});
