import type { AnnotationRecord, DocumentKey, DocumentView, TargetLabel } from './annotation';
import { isLive } from './annotation';
import type { Box } from './bounds';
import type { RecordDiff } from './diff';
import { SpatialIndex } from './spatialIndex';
import { countsAsLabelled } from './targetLabels';

const NONE: readonly AnnotationRecord[] = Object.freeze([]);

/**
 * The records of one open document with the indexes views and commands need, updated from each
 * diff in O(diff): by id, by target, by place (an R-tree per image, for drawing a viewport), and
 * the set of labelled targets (progress). Nothing here scans the whole document, so a slide with
 * 10^5–10^6 outlines edits as fast as a CT series.
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
  /** Settled (a person's, or accepted) labels per target: what progress counts. */
  private readonly labelCount = new Map<string, number>();
  private countedLabelled = 0;
  private changeCount = 0;
  private readonly watchers = new Set<(diff: RecordDiff) => void>();

  /**
   * @param counts Which targets count for progress (the item's slices or frames); labels of
   *   other targets (the whole item) are kept but not counted.
   */
  constructor(
    key: DocumentKey,
    records: Iterable<AnnotationRecord> = [],
    private readonly counts: (targetId: string) => boolean = () => true,
  ) {
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
    return this.countedLabelled;
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

  /** The live label of a question on a target, if any; O(1). */
  labelAt(questionId: string, targetId: string): TargetLabel | undefined {
    const labels = this.liveLabels.get(answerKey(questionId, targetId));
    if (!labels) return undefined;
    for (const label of labels.values()) return label;
    return undefined;
  }

  /** Outlines and masks on `targetId` whose bounding box meets `box` (image px): what a viewport shows. */
  recordsIn(targetId: string, box: Box): AnnotationRecord[] {
    return this.spatial.search(targetId, box);
  }

  /** Whether a target carries a settled label. */
  isLabelled(targetId: string): boolean {
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
      const key = answerKey(record.questionId, record.targetId);
      let labels = this.liveLabels.get(key);
      if (!labels) this.liveLabels.set(key, (labels = new Map()));
      labels.set(record.id, record);
    }
    if (countsAsLabelled(record)) this.countLabel(record.targetId, +1);
  }

  private remove(record: AnnotationRecord): void {
    this.byId.delete(record.id);
    this.spatial.remove(record);
    const at = this.byTarget.get(record.targetId);
    at?.delete(record.id);
    if (at?.size === 0) this.byTarget.delete(record.targetId);
    if (record.type === 'label') {
      const key = answerKey(record.questionId, record.targetId);
      const labels = this.liveLabels.get(key);
      labels?.delete(record.id);
      if (labels?.size === 0) this.liveLabels.delete(key);
    }
    if (countsAsLabelled(record)) this.countLabel(record.targetId, -1);
  }

  private countLabel(targetId: string, delta: number): void {
    const before = this.labelCount.get(targetId) ?? 0;
    const after = before + delta;
    if (after === 0) this.labelCount.delete(targetId);
    else this.labelCount.set(targetId, after);
    if (this.counts(targetId) && (before === 0) !== (after === 0)) this.countedLabelled += after === 0 ? -1 : 1;
  }
}


function answerKey(questionId: string, targetId: string): string {
  return `${questionId}\u0000${targetId}`;
}
