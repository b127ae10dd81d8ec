/**
 * An item's adjudication as the server reads it: its handed-in readers' work, the units where
 * they differ, the lead's current decisions, and the consensus record set these make
 * (src/core/consensus). Computed on read from the locked handed-in documents and the decisions,
 * so it never goes stale; O(records of the item) per call, never per edit.
 */
import type { Kysely } from 'kysely';
import type { DifferingUnit } from '../../../src/core/agreement';
import type { AdjudicationView } from '../../../src/core/api';
import { buildConsensus, unitKeyOf, type ConsensusOutcome, type DecidedUnit } from '../../../src/core/consensus';
import type { LabelSet } from '../../../src/core/labelSet';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { notFound } from '../../http/errors';
import { labelSetStore } from '../labelSets';
import { differencesOf, handedInWork, HANDED_IN, type HandedInWork } from '../review/handedInWork';
import { currentDecisions } from './decisions';

export interface AdjudicatedItem {
  readonly id: string;
  readonly datasetId: string;
  readonly title: string;
  readonly targetIds: readonly string[];
  readonly labelSet: LabelSet;
}

export interface ItemAdjudication {
  readonly item: AdjudicatedItem;
  readonly work: readonly HandedInWork[];
  readonly differing: readonly DifferingUnit[];
  readonly decisions: readonly DecidedUnit[];
  readonly consensus: ConsensusOutcome;
}

export async function adjudicatedItem(db: Kysely<Database>, itemId: string): Promise<AdjudicatedItem> {
  const row = await db
    .selectFrom('items')
    .innerJoin('datasets', 'datasets.id', 'items.dataset_id')
    .select(['items.id', 'items.dataset_id', 'items.title', 'items.target_ids', 'datasets.label_set_id', 'datasets.label_set_version'])
    .where('items.id', '=', itemId)
    .executeTakeFirst();
  if (!row) throw notFound(`no item ${itemId}`);
  const labelSet = await labelSetStore(db).get(row.label_set_id, toNumber(row.label_set_version));
  if (!labelSet) throw new Error(`item ${itemId} names label set ${row.label_set_id}@${row.label_set_version}, which is not stored`);
  return { id: row.id, datasetId: row.dataset_id, title: row.title, targetIds: JSON.parse(row.target_ids) as string[], labelSet };
}

export async function itemAdjudication(db: Kysely<Database>, item: AdjudicatedItem): Promise<ItemAdjudication> {
  const work = await handedInWork(db, item.id);
  const documents = work.map(({ readerId, records, submittedAt }) => ({ readerId, records: records.map((v) => v.record), submittedAt }));
  const differing = differencesOf(item.labelSet, item, documents);
  const decisions = await currentDecisions(db, item.id);
  const consensus = buildConsensus(item.labelSet, { itemId: item.id, targetIds: item.targetIds }, work, differing, decisions);
  return { item, work, differing, decisions, consensus };
}

/** Whether the item has a consensus to release: two or more readers compared, and every differing unit settled. */
export function hasCompleteConsensus(adjudication: ItemAdjudication): boolean {
  return adjudication.work.length >= 2 && adjudication.consensus.complete;
}

/** Units by question (label-set order), then slice or frame order (a region by its target), then key. */
function inReadingOrder(item: AdjudicatedItem, units: readonly DifferingUnit[]): DifferingUnit[] {
  const questionAt = new Map(item.labelSet.questions.map((q, i) => [q.id, i] as const));
  const targetAt = new Map(item.targetIds.map((id, i) => [id, i] as const));
  const place = (unit: DifferingUnit): number => targetAt.get(unit.targetKey) ?? targetAt.get(unit.targetKey.split('/')[0]!) ?? -1;
  return [...units].sort(
    (a, b) => (questionAt.get(a.questionId) ?? 0) - (questionAt.get(b.questionId) ?? 0) || place(a) - place(b) || (a.targetKey < b.targetKey ? -1 : a.targetKey > b.targetKey ? 1 : 0),
  );
}

export async function adjudicationView(db: Kysely<Database>, adjudication: ItemAdjudication): Promise<AdjudicationView> {
  const { item, work, differing, decisions, consensus } = adjudication;
  const readerIds = work.map((w) => w.readerId);
  const users = readerIds.length === 0 ? [] : await db.selectFrom('users').select(['id', 'username', 'display_name']).where('id', 'in', readerIds).execute();
  const userOf = new Map(users.map((u) => [u.id, u]));
  const atWork = await db
    .selectFrom('assignments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('item_id', '=', item.id)
    .where('state', 'not in', [...HANDED_IN])
    .executeTakeFirstOrThrow();
  const decided = new Map(decisions.map((d) => [unitKeyOf(d), d] as const));
  const undecided = new Set(consensus.undecided.map(unitKeyOf));
  const units = inReadingOrder(item, differing).map((unit) => ({ ...unit, decision: decided.get(unitKeyOf(unit)) ?? null, settled: !undecided.has(unitKeyOf(unit)) }));
  return {
    itemId: item.id,
    datasetId: item.datasetId,
    title: item.title,
    labelSetId: item.labelSet.id,
    labelSetVersion: item.labelSet.version,
    targetIds: item.targetIds,
    readers: work.map((w) => ({ id: w.readerId, username: userOf.get(w.readerId)?.username ?? w.readerId, displayName: userOf.get(w.readerId)?.display_name ?? '', state: w.state })),
    readersAtWork: Number(atWork.n),
    units,
    settledUnits: units.filter((unit) => unit.settled).length,
    complete: hasCompleteConsensus(adjudication),
  };
}
