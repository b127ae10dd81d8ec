import type { AnnotationRecord, DocumentKey, DocumentView, TargetLabel } from './annotation';
import { isLive } from './annotation';
import type { Box } from './bounds';
import type { RecordDiff } from './diff';
import { FrameCoverage } from './frameCoverage';
import { RangeIndex } from './rangeIndex';
import { SpatialIndex } from './spatialIndex';
import { countsAsLabelled } from './targetLabels';

/**
 * Where each of an item's image targets (slices, frames) sits in reading order, so the store can
 * tell which frames a range record covers. `ItemTargets` is one; `targetOrder` makes one from ids.
 */
export interface TargetOrder {
  indexOf(targetId: string): number | undefined;
  readonly count: number;
}

export function targetOrder(targetIds: readonly string[]): TargetOrder {
  const index = new Map(targetIds.map((id, i) => [id, i] as const));
  return { indexOf: (id) => index.get(id), count: targetIds.length };
}

/** Frames `first … last` a label spans in `order`: a range record's, or a single target's. */
export function spanOf(label: Pick<TargetLabel, 'targetId' | 'endTargetId'>, order: TargetOrder | undefined): { first: number; last: number } | undefined {
  const first = order?.indexOf(label.targetId);
  if (first === undefined) return undefined;
  const last = label.endTargetId === undefined ? first : order?.indexOf(label.endTargetId);
  return last === undefined || last < first ? undefined : { first, last };
}

const NONE: readonly AnnotationRecord[] = Object.freeze([]);
const NONE_LABELS: readonly TargetLabel[] = Object.freeze([]);

/**
 * The records of one open document with the indexes views and commands need, updated from each
 * diff in O(diff): by id, by target, by place (an R-tree per image, for drawing a viewport), and
 * the set of labelled targets (progress). Nothing here scans the whole document, so a slide with
 * 10^5–10^6 outlines edits as fast as a CT series.
 *
 * Given the item's target order, a label with `endTargetId` (a range: frames `targetId …
 * endTargetId`) answers every frame it spans: `labelAt` finds it by binary search in a per-question
 * `RangeIndex`, and progress counts the frames it covers from a `FrameCoverage` tree, both in
 * O(log n) per record, so one record tagging 5,000 frames is one cheap update.
 */
export class RecordStore implements DocumentView {
  readonly itemId: string;
  readonly annotatorId: string;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
  private readonly byId = new Map<string, AnnotationRecord>();
  private readonly byTarget = new Map<string, Map<string, AnnotationRecord>>();
  private readonly spatial = new SpatialIndex();
  /** Live labels per question and target (see `answerKey`), so `labelAt` never walks a slide's outlines. */
  private readonly liveLabels = new Map<string, Map<string, TargetLabel>>();
  /** Live range labels per question (only with a target order). */
  private readonly liveRanges = new Map<string, RangeIndex>();
  /** Settled (a person's, or accepted) labels per target outside the order: what progress counts without one. */
  private readonly labelCount = new Map<string, number>();
  private countedLabelled = 0;
  /** Ordered targets covered by settled labels (ranges included): what progress counts with an order. */
  private readonly coverage: FrameCoverage | undefined;
  private changeCount = 0;
  private readonly watchers = new Set<(diff: RecordDiff) => void>();

  /**
   * @param order The item's slices or frames in reading order: they count for progress, and range
   *   labels cover the frames between their ends. Labels of other targets (the whole item) are
   *   kept but not counted. Without an order every labelled target counts and a range answers
   *   its first frame only (a plain list of records: tests, a reviewer's copy of a slide).
   */
  constructor(
    key: DocumentKey,
    records: Iterable<AnnotationRecord> = [],
    private readonly order?: TargetOrder,
  ) {
    this.coverage = order ? new FrameCoverage(order.count) : undefined;
    this.itemId = key.itemId;
    this.annotatorId = key.annotatorId;
    this.labelSetId = key.labelSetId;
    this.labelSetVersion = key.labelSetVersion;
    const loaded: AnnotationRecord[] = [];
    for (const record of records) {
      this.add(record, false);
      loaded.push(record);
    }
    this.spatial.load(loaded);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Grows by one with every applied diff, so views can tell a changed document cheaply. */
  get changes(): number {
    return this.changeCount;
  }

  /**
   * Counted targets (see constructor) that carry a settled label: a person's, or a proposal a
   * person accepted or edited. Proposals nobody has looked at do not make an item look done.
   */
  get labelledTargets(): number {
    return this.coverage ? this.coverage.total : this.countedLabelled;
  }

  get(id: string): AnnotationRecord | undefined {
    return this.byId.get(id);
  }

  records(): IterableIterator<AnnotationRecord> {
    return this.byId.values();
  }

  recordsAt(targetId: string): readonly AnnotationRecord[] {
    const at = this.byTarget.get(targetId);
    return at ? [...at.values()] : NONE;
  }

  /** The live label of a question on a target, if any: its own (O(1)), else a range covering it (O(log ranges)). */
  labelAt(questionId: string, targetId: string): TargetLabel | undefined {
    const labels = this.liveLabels.get(answerKey(questionId, targetId));
    if (labels) for (const label of labels.values()) return label;
    const ranges = this.liveRanges.get(questionId);
    const frame = ranges ? this.order?.indexOf(targetId) : undefined;
    return frame === undefined ? undefined : ranges?.at(frame)?.label;
  }

  /** Live range labels of a question meeting frames `first … last` (indices in the order), in order. */
  rangesIn(questionId: string, first: number, last: number): readonly TargetLabel[] {
    return this.liveRanges.get(questionId)?.overlapping(first, last).map((range) => range.label) ?? NONE_LABELS;
  }

  /** Outlines and masks on `targetId` whose bounding box meets `box` (image px): what a viewport shows. */
  recordsIn(targetId: string, box: Box): AnnotationRecord[] {
    return this.spatial.search(targetId, box);
  }

  /** Whether a target carries a settled label (its own, or a range's over it). */
  isLabelled(targetId: string): boolean {
    const frame = this.order?.indexOf(targetId);
    if (frame !== undefined) return this.coverage?.covers(frame) ?? false;
    return (this.labelCount.get(targetId) ?? 0) > 0;
  }

  /** Puts every `after` in place (null removes); O(diff). Watchers hear the diff afterwards. */
  apply(diff: RecordDiff): void {
    for (const [id, [, after]] of Object.entries(diff)) {
      const previous = this.byId.get(id);
      if (previous) this.remove(previous);
      if (after) this.add(after);
    }
    this.changeCount += 1;
    for (const watcher of this.watchers) watcher(diff);
  }

  /**
   * Hears every applied diff, whatever its origin (command, undo, remote copy): how a view that
   * keeps its own structures (a slide overlay's draw lists) stays in step in O(diff).
   */
  watch(watcher: (diff: RecordDiff) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** A plain copy of every record (a submitted snapshot, an export); O(document) by nature. */
  snapshot(): AnnotationRecord[] {
    return [...this.byId.values()];
  }

  private add(record: AnnotationRecord, indexPlace = true): void {
    this.byId.set(record.id, record);
    if (indexPlace) this.spatial.insert(record);
    let at = this.byTarget.get(record.targetId);
    if (!at) this.byTarget.set(record.targetId, (at = new Map()));
    at.set(record.id, record);
    if (record.type === 'label' && isLive(record)) {
      const span = record.endTargetId === undefined ? undefined : spanOf(record, this.order);
      if (span) {
        let ranges = this.liveRanges.get(record.questionId);
        if (!ranges) this.liveRanges.set(record.questionId, (ranges = new RangeIndex()));
        ranges.add({ ...span, label: record });
      } else {
        const key = answerKey(record.questionId, record.targetId);
        let labels = this.liveLabels.get(key);
        if (!labels) this.liveLabels.set(key, (labels = new Map()));
        labels.set(record.id, record);
      }
    }
    if (countsAsLabelled(record)) this.countLabel(record, +1);
  }

  private remove(record: AnnotationRecord): void {
    this.byId.delete(record.id);
    this.spatial.remove(record);
    const at = this.byTarget.get(record.targetId);
    at?.delete(record.id);
    if (at?.size === 0) this.byTarget.delete(record.targetId);
    if (record.type === 'label') {
      const span = record.endTargetId === undefined ? undefined : spanOf(record, this.order);
      if (span) {
        const ranges = this.liveRanges.get(record.questionId);
        ranges?.remove(record.id, span.first);
        if (ranges?.size === 0) this.liveRanges.delete(record.questionId);
      } else {
        const key = answerKey(record.questionId, record.targetId);
        const labels = this.liveLabels.get(key);
        labels?.delete(record.id);
        if (labels?.size === 0) this.liveLabels.delete(key);
      }
    }
    if (countsAsLabelled(record)) this.countLabel(record, -1);
  }

  private countLabel(record: TargetLabel, delta: 1 | -1): void {
    const span = spanOf(record, this.order);
    if (span) {
      this.coverage?.change(span.first, span.last, delta);
      return;
    }
    const before = this.labelCount.get(record.targetId) ?? 0;
    const after = before + delta;
    if (after === 0) this.labelCount.delete(record.targetId);
    else this.labelCount.set(record.targetId, after);
    // With an order, targets outside it (the whole item) are kept but not counted.
    if (!this.order && (before === 0) !== (after === 0)) this.countedLabelled += after === 0 ? -1 : 1;
  }
}


function answerKey(questionId: string, targetId: string): string {
  return `${questionId}\u0000${targetId}`;
}
