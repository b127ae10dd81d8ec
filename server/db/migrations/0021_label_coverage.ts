/**
 * Exact progress for frame ranges. A label spanning frames (`endTargetId`) was counted at its
 * first frame only by the stored `annotation_docs.labelled` and by the dashboards. This adds:
 * - `label_coverage`: each document's coverage tree (services/annotations/labelCoverage.ts), so a
 *   batch updates `labelled` exactly in O(log targets) per label it writes;
 * - `annotation_records.target_index` / `end_target_index`: a label's span in the item's reading
 *   order, which per-question counts sum.
 * Existing documents get both from their label records, and their `labelled` recounted.
 */
import type { Kysely, Migration } from 'kysely';
import type { AnnotationRecord } from '../../../src/core/annotation';
import type { Item } from '../../../src/core/item';
import { FrameCoverage } from '../../../src/core/frameCoverage';
import { spanOf, targetOrder } from '../../../src/core/recordStore';
import { targetIdsOf } from '../../../src/core/targets';
import { coverageSpan, covering, LoadedNodes, writeNodes } from '../../services/annotations/labelCoverage';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

async function addColumns(db: AnyDb): Promise<void> {
  await db.schema.alterTable('annotation_records').addColumn('target_index', 'integer').execute();
  await db.schema.alterTable('annotation_records').addColumn('end_target_index', 'integer').execute();
  await db.schema
    .createTable('label_coverage')
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('annotator_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('node', 'integer', (c) => c.notNull())
    .addColumn('cover', 'integer', (c) => c.notNull())
    .addColumn('covered', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('label_coverage_pk', ['item_id', 'annotator_id', 'node'])
    .execute();
}

/** One document's label rows: their spans written, its coverage built and stored, its count set. */
async function fillDocument(db: AnyDb, item: Pick<Item, 'id' | 'content'>, annotatorId: string): Promise<void> {
  const order = targetOrder(targetIdsOf(item));
  const ref = { itemId: item.id, annotatorId };
  const rows = (await db
    .selectFrom('annotation_records')
    .select(['record_id', 'body'])
    .where('item_id', '=', item.id)
    .where('annotator_id', '=', annotatorId)
    .where('type', '=', 'label')
    .where('deleted', '=', 0)
    .execute()) as { record_id: string; body: string | null }[];
  const nodes = new LoadedNodes({ fresh: true });
  const coverage = new FrameCoverage(order.count, nodes);
  for (const row of rows) {
    const record = row.body ? (JSON.parse(row.body) as AnnotationRecord) : null;
    const span = record ? spanOf(record, order) : undefined;
    if (!record || !span) continue;
    await db
      .updateTable('annotation_records')
      .set({ target_index: span.first, end_target_index: span.last })
      .where('item_id', '=', item.id)
      .where('annotator_id', '=', annotatorId)
      .where('record_id', '=', row.record_id)
      .execute();
    if (coverageSpan(covering(record), order)) coverage.change(span.first, span.last, 1);
  }
  await writeNodes(db, ref, nodes);
  await db.updateTable('annotation_docs').set({ labelled: coverage.total }).where('item_id', '=', item.id).where('annotator_id', '=', annotatorId).execute();
}

export const labelCoverage: Migration = {
  async up(db: AnyDb): Promise<void> {
    await addColumns(db);
    const docs = (await db.selectFrom('annotation_docs').select(['item_id', 'annotator_id']).orderBy('item_id').execute()) as { item_id: string; annotator_id: string }[];
    let item: Pick<Item, 'id' | 'content'> | null = null;
    for (const doc of docs) {
      if (item?.id !== doc.item_id) {
        const row = (await db.selectFrom('items').select(['id', 'content']).where('id', '=', doc.item_id).executeTakeFirstOrThrow()) as { id: string; content: string };
        item = { id: row.id, content: JSON.parse(row.content) as Item['content'] };
      }
      await fillDocument(db, item, doc.annotator_id);
    }
  },
};
