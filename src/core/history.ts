import type { DocumentView } from './annotation';
import { composeDiffs, isEmptyDiff, putEntry, sameRecord, type DiffEntry, type RecordDiff } from './diff';

export const DEFAULT_HISTORY_LIMIT = 500;

/**
 * Undo/redo over local diffs. Remote changes never enter it; instead, an undo or redo leaves alone
 * any record that changed since the step (it restores a record only where the document still holds
 * what the step left), so it cannot clobber someone else's newer edit.
 */
export class UndoHistory {
  private readonly undoStack: RecordDiff[] = [];
  private readonly redoStack: RecordDiff[] = [];
  private batch: RecordDiff | null = null;
  private batchDepth = 0;

  constructor(private readonly limit = DEFAULT_HISTORY_LIMIT) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`history limit must be a positive integer, got ${limit}`);
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0 || (this.batch !== null && !isEmptyDiff(this.batch));
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** Number of undo steps held (a batch in progress counts once it is closed). */
  get size(): number {
    return this.undoStack.length;
  }

  /** Records a local change as one step (or into the open batch). Empty diffs are ignored. */
  record(diff: RecordDiff): void {
    if (isEmptyDiff(diff)) return;
    this.redoStack.length = 0;
    if (this.batchDepth > 0) {
      this.batch = this.batch ? composeDiffs(this.batch, diff) : diff;
      return;
    }
    this.push(diff);
  }

  /** Changes until the matching `endBatch` become one undo step (e.g. one drag, one range label). Nestable. */
  beginBatch(): void {
    this.batchDepth += 1;
  }

  endBatch(): void {
    if (this.batchDepth === 0) throw new Error('endBatch without beginBatch');
    this.batchDepth -= 1;
    if (this.batchDepth === 0) this.closeBatch();
  }

  /** The diff that undoes the latest step that still applies to `doc`; null when there is none. */
  undo(doc: DocumentView): RecordDiff | null {
    this.flushBatch();
    return this.move(doc, this.undoStack, this.redoStack, 'undo');
  }

  redo(doc: DocumentView): RecordDiff | null {
    this.flushBatch();
    return this.move(doc, this.redoStack, this.undoStack, 'redo');
  }

  clear(): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
    this.batch = null;
  }

  private push(diff: RecordDiff): void {
    this.undoStack.push(diff);
    if (this.undoStack.length > this.limit) this.undoStack.splice(0, this.undoStack.length - this.limit);
  }

  private closeBatch(): void {
    const batch = this.batch;
    this.batch = null;
    if (batch && !isEmptyDiff(batch)) this.push(batch);
  }

  /** An undo/redo in the middle of a batch first closes what the batch holds so far. */
  private flushBatch(): void {
    if (this.batchDepth > 0) this.closeBatch();
  }

  /**
   * Pops steps from `from` until one still applies to `doc`; pushes what was actually applied onto
   * `to`, in the step's own direction, so redo replays exactly what undo reverted. O(step).
   */
  private move(doc: DocumentView, from: RecordDiff[], to: RecordDiff[], direction: 'undo' | 'redo'): RecordDiff | null {
    for (let step = from.pop(); step !== undefined; step = from.pop()) {
      const applied: Record<string, DiffEntry> = {};
      const kept: Record<string, DiffEntry> = {};
      for (const [id, [before, after]] of Object.entries(step)) {
        const expected = direction === 'undo' ? after : before;
        const target = direction === 'undo' ? before : after;
        const current = doc.get(id) ?? null;
        if (!sameRecord(current, expected)) continue;
        putEntry<DiffEntry>(applied, id, [current, target]);
        putEntry<DiffEntry>(kept, id, [before, after]);
      }
      if (isEmptyDiff(applied)) continue;
      to.push(kept);
      return applied;
    }
    return null;
  }
}
