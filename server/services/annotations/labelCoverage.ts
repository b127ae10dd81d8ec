/**
 * The frames (slices, the slide) of one document that carry a settled label, as core's
 * `FrameCoverage` tree kept in `label_coverage` rows (migration 0021): one edit loads only the
 * O(log targets) nodes its labels' spans touch, so a label over 5,000 frames costs what a label
 * on one does, and the stored `labelled` count is exact (each frame counted once, however many
 * labels of however many questions cover it). Rows exist only for nodes that are not zero.
 */
import type { Kysely, Transaction } from 'kysely';
import type { AnnotationRecord } from '../../../src/core/annotation';
import { COVERAGE_ROOT, FrameCoverage, type CoverageNodes } from '../../../src/core/frameCoverage';
import { spanOf, type TargetOrder } from '../../../src/core/recordStore';
import { countsAsLabelled } from '../../../src/core/targetLabels';
import { toNumber } from '../../db/dialect';
import type { Database } from '../../db/schema';

/** Rows per statement: under SQLite's and PostgreSQL's parameter limits (5 columns a row). */
const ROWS_PER_STATEMENT = 500;

export interface CoverageChange {
  readonly first: number;
  readonly last: number;
  readonly by: 1 | -1;
}

/** What the coverage needs of a record: whether it counts (core's `countsAsLabelled`) and its ends. */
export interface CoveringLabel {
  readonly labelled: boolean;
  readonly targetId: string;
  readonly endTargetId?: string | undefined;
}

export function covering(record: AnnotationRecord): CoveringLabel {
  return { labelled: countsAsLabelled(record), targetId: record.targetId, endTargetId: record.type === 'label' ? record.endTargetId : undefined };
}

/** The span a record adds to the coverage, if it counts (a settled, non-empty label on targets in the order). */
export function coverageSpan(label: CoveringLabel | null, order: TargetOrder): { first: number; last: number } | undefined {
  return label?.labelled ? spanOf(label, order) : undefined;
}

/**
 * Nodes as loaded rows; a node nobody loaded is a bug in the caller, not a zero, except in a
 * `fresh` tree (a document's coverage built from nothing, by the migration), where all start at zero.
 */
export class LoadedNodes implements CoverageNodes {
  private readonly rows = new Map<number, { cover: number; covered: number }>();
  private readonly loaded = new Set<number>();
  readonly changed = new Set<number>();

  constructor(private readonly options: { readonly fresh?: boolean } = {}) {}

  load(node: number, cover = 0, covered = 0): void {
    this.loaded.add(node);
    if (cover !== 0 || covered !== 0) this.rows.set(node, { cover, covered });
  }

  cover(node: number): number {
    return this.read(node).cover;
  }

  covered(node: number): number {
    return this.read(node).covered;
  }

  set(node: number, cover: number, covered: number): void {
    this.load(node);
    this.rows.delete(node);
    if (cover !== 0 || covered !== 0) this.rows.set(node, { cover, covered });
    this.changed.add(node);
  }

  /** The changed nodes: those to write, and those now zero (to delete). */
  changes(): { write: { node: number; cover: number; covered: number }[]; zero: number[] } {
    const write: { node: number; cover: number; covered: number }[] = [];
    const zero: number[] = [];
    for (const node of this.changed) {
      const row = this.rows.get(node);
      if (row) write.push({ node, ...row });
      else zero.push(node);
    }
    return { write, zero };
  }

  private read(node: number): { cover: number; covered: number } {
    if (!this.options.fresh && !this.loaded.has(node)) throw new Error(`coverage node ${node} was read without being loaded`);
    return this.rows.get(node) ?? { cover: 0, covered: 0 };
  }
}

interface DocumentRef {
  readonly itemId: string;
  readonly annotatorId: string;
}

/**
 * Applies `changes` to the document's stored coverage and returns how many targets are covered
 * afterwards: loads the nodes the changes touch (one query per 500), writes those that changed.
 */
export async function updateCoverage(trx: Transaction<Database>, ref: DocumentRef, size: number, changes: readonly CoverageChange[]): Promise<number> {
  const nodes = new LoadedNodes();
  const tree = new FrameCoverage(size, nodes);
  const wanted = [...new Set(changes.flatMap((change) => tree.nodesTouched(change.first, change.last)))];
  for (let start = 0; start < wanted.length; start += ROWS_PER_STATEMENT) {
    const part = wanted.slice(start, start + ROWS_PER_STATEMENT);
    const rows = await trx
      .selectFrom('label_coverage')
      .select(['node', 'cover', 'covered'])
      .where('item_id', '=', ref.itemId)
      .where('annotator_id', '=', ref.annotatorId)
      .where('node', 'in', part)
      .execute();
    for (const node of part) nodes.load(node);
    for (const row of rows) nodes.load(toNumber(row.node), toNumber(row.cover), toNumber(row.covered));
  }
  if (wanted.length === 0) nodes.load(COVERAGE_ROOT);
  for (const change of changes) tree.change(change.first, change.last, change.by);
  await writeNodes(trx, ref, nodes);
  return tree.total;
}

/** Writes the changed nodes: upserts the non-zero, deletes the zero. */
// any: the migration writes through an untyped handle, batches through a typed transaction.
export async function writeNodes(db: Kysely<any>, ref: DocumentRef, nodes: LoadedNodes): Promise<void> {
  const { write, zero } = nodes.changes();
  for (let start = 0; start < zero.length; start += ROWS_PER_STATEMENT) {
    await db
      .deleteFrom('label_coverage')
      .where('item_id', '=', ref.itemId)
      .where('annotator_id', '=', ref.annotatorId)
      .where('node', 'in', zero.slice(start, start + ROWS_PER_STATEMENT))
      .execute();
  }
  for (let start = 0; start < write.length; start += ROWS_PER_STATEMENT) {
    await db
      .insertInto('label_coverage')
      .values(write.slice(start, start + ROWS_PER_STATEMENT).map((row) => ({ item_id: ref.itemId, annotator_id: ref.annotatorId, ...row })))
      .onConflict((oc) => oc.columns(['item_id', 'annotator_id', 'node']).doUpdateSet((eb) => ({ cover: eb.ref('excluded.cover'), covered: eb.ref('excluded.covered') })))
      .execute();
  }
}
