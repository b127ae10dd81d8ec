import type { AnnotationRecord, DocumentKey, DocumentView, TargetLabel } from './annotation';
import { isLive } from './annotation';
import type { RecordDiff } from './diff';

const NONE: readonly AnnotationRecord[] = Object.freeze([]);

/**
 * The records of one open document with the indexes views and commands need, updated from each
 * diff in O(diff): by id, by target, and the set of labelled targets (progress). Nothing here
 * scans the whole document, so a slide with 10^5–10^6 outlines edits as fast as a CT series.
 */
export class RecordStore implements DocumentView {
  readonly itemId: string;
  readonly annotatorId: string;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
  private readonly byId = new Map<string, AnnotationRecord>();
  private readonly byTarget = new Map<string, Map<string, AnnotationRecord>>();
  /** Live labels per question and target (see `answerKey`), so `labelAt` never walks a slide's outlines. */
  private readonly liveLabels = new Map<string, Map<string, TargetLabel>>();
  /** Live, non-empty label records per target. */
  private readonly labelCount = new Map<string, number>();
  private countedLabelled = 0;
  private changeCount = 0;

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
    for (const record of records) this.add(record);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Grows by one with every applied diff, so views can tell a changed document cheaply. */
  get changes(): number {
    return this.changeCount;
  }

  /** Counted targets (see constructor) that carry a live label. */
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

  /** Whether a target carries any live label. */
  isLabelled(targetId: string): boolean {
    return (this.labelCount.get(targetId) ?? 0) > 0;
  }

  /** Puts every `after` in place (null removes); O(diff). */
  apply(diff: RecordDiff): void {
    for (const [id, [, after]] of Object.entries(diff)) {
      const previous = this.byId.get(id);
      if (previous) this.remove(previous);
      if (after) this.add(after);
    }
    this.changeCount += 1;
  }

  /** A plain copy of every record (a submitted snapshot, an export); O(document) by nature. */
  snapshot(): AnnotationRecord[] {
    return [...this.byId.values()];
  }

  private add(record: AnnotationRecord): void {
    this.byId.set(record.id, record);
    let at = this.byTarget.get(record.targetId);
    if (!at) this.byTarget.set(record.targetId, (at = new Map()));
    at.set(record.id, record);
    if (record.type === 'label' && isLive(record)) {
      const key = answerKey(record.questionId, record.targetId);
      let labels = this.liveLabels.get(key);
      if (!labels) this.liveLabels.set(key, (labels = new Map()));
      labels.set(record.id, record);
    }
    if (countsAsLabel(record)) this.countLabel(record.targetId, +1);
  }

  private remove(record: AnnotationRecord): void {
    this.byId.delete(record.id);
    const at = this.byTarget.get(record.targetId);
    at?.delete(record.id);
    if (at?.size === 0) this.byTarget.delete(record.targetId);
    if (record.type === 'label') {
      const key = answerKey(record.questionId, record.targetId);
      const labels = this.liveLabels.get(key);
      labels?.delete(record.id);
      if (labels?.size === 0) this.liveLabels.delete(key);
    }
    if (countsAsLabel(record)) this.countLabel(record.targetId, -1);
  }

  private countLabel(targetId: string, delta: number): void {
    const before = this.labelCount.get(targetId) ?? 0;
    const after = before + delta;
    if (after === 0) this.labelCount.delete(targetId);
    else this.labelCount.set(targetId, after);
    if (this.counts(targetId) && (before === 0) !== (after === 0)) this.countedLabelled += after === 0 ? -1 : 1;
  }
}

function countsAsLabel(record: AnnotationRecord): boolean {
  return record.type === 'label' && record.classCodes.length > 0 && isLive(record);
}

function answerKey(questionId: string, targetId: string): string {
  return `${questionId}\u0000${targetId}`;
}
