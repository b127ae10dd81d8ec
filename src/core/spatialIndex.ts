import RBush from 'rbush';
import type { AnnotationRecord } from './annotation';
import { recordBounds, type Box } from './bounds';
import { packRTree, type RBushNode } from './packedRTree';

interface Entry extends Box {
  readonly record: AnnotationRecord;
}

/**
 * Outlines and masks by where they lie, per target image: what a viewer draws for its viewport.
 * An R-tree (rbush) keeps insert and remove at O(log n), so an edit on a slide of 10^5–10^6
 * outlines updates it without a rebuild, and the first load is one bulk load (packed along a
 * Hilbert curve, packedRTree.ts).
 */
export class SpatialIndex {
  private readonly trees = new Map<string, RBush<Entry>>();

  /** Bulk-loads records (the first load of a document): much faster than one insert each. */
  load(records: Iterable<AnnotationRecord>): void {
    const byTarget = new Map<string, Entry[]>();
    for (const record of records) {
      const entry = this.entryOf(record);
      if (!entry) continue;
      let list = byTarget.get(record.targetId);
      if (!list) byTarget.set(record.targetId, (list = []));
      list.push(entry);
    }
    for (const [targetId, list] of byTarget) {
      const tree = this.treeOf(targetId);
      // An empty tree takes a packed one whole; rbush merges a bulk load into a filled one.
      if (isEmpty(tree)) tree.fromJSON(packRTree(list));
      else tree.load(list);
    }
  }

  insert(record: AnnotationRecord): void {
    const entry = this.entryOf(record);
    if (entry) this.treeOf(record.targetId).insert(entry);
  }

  /**
   * Removes `record`, the record as it was indexed: its box, computed again (O(its vertices)),
   * leads the search to its leaf. No map from id to entry is kept: on a first open of 10^5
   * outlines that map was one more 10^5-entry table to build and to hold.
   */
  remove(record: AnnotationRecord): void {
    const entry = this.entryOf(record);
    if (entry) this.trees.get(record.targetId)?.remove(entry, sameRecord);
  }

  /** Records on `targetId` whose box meets `box` (image px). */
  search(targetId: string, box: Box): AnnotationRecord[] {
    const tree = this.trees.get(targetId);
    return tree ? tree.search(box).map((entry) => entry.record) : [];
  }

  private entryOf(record: AnnotationRecord): Entry | null {
    const box = recordBounds(record);
    if (!box) return null;
    return { minX: box.minX, minY: box.minY, maxX: box.maxX, maxY: box.maxY, record };
  }

  private treeOf(targetId: string): RBush<Entry> {
    let tree = this.trees.get(targetId);
    if (!tree) this.trees.set(targetId, (tree = new RBush<Entry>()));
    return tree;
  }
}

/**
 * The same record: rbush calls this on every entry of each leaf it looks in. The box first, held
 * in the entry itself: it tells nearly every other entry apart without reaching into its record
 * (comparing ids alone made an edit's remove + insert on 10^5 outlines about 2.5× slower).
 */
const sameRecord = (a: Entry, b: Entry): boolean =>
  a.minX === b.minX && a.minY === b.minY && a.maxX === b.maxX && a.maxY === b.maxY && a.record.id === b.record.id;

const isEmpty = (tree: RBush<Entry>): boolean => (tree.toJSON() as RBushNode<Entry>).children.length === 0;
