import type { AnnotationDocument } from './annotation';
import { runCommand, type CommandContext, type CommandName, type CommandParams } from './commands';
import { applyDiff, diffDocuments, isEmptyDiff, type RecordDiff } from './diff';
import { UndoHistory } from './history';
import { newId as randomId } from './ids';
import type { LabelSet } from './labelSet';

export type ChangeOrigin = 'local' | 'undo' | 'redo' | 'remote';

export type DocumentListener = (doc: AnnotationDocument, diff: RecordDiff, origin: ChangeOrigin) => void;

export interface DocumentEditorOptions {
  readonly doc: AnnotationDocument;
  readonly labelSet: LabelSet;
  readonly targetIds: readonly string[];
  readonly userId: string;
  /** ISO-8601 UTC clock; defaults to the system clock. */
  readonly now?: () => string;
  readonly newId?: () => string;
  readonly historyLimit?: number;
}

/**
 * An editing session over one annotation document, free of any UI framework: commands change it
 * and enter undo history; remote copies replace it without entering history. Listeners hear every
 * change with its diff and origin (the client store persists and syncs from there).
 */
export class DocumentEditor {
  private current: AnnotationDocument;
  private readonly history: UndoHistory;
  private readonly listeners = new Set<DocumentListener>();
  private readonly ctx: CommandContext;

  constructor(options: DocumentEditorOptions) {
    this.current = options.doc;
    this.history = new UndoHistory(options.historyLimit);
    this.ctx = {
      userId: options.userId,
      labelSet: options.labelSet,
      targetIds: options.targetIds,
      now: options.now ?? (() => new Date().toISOString()),
      newId: options.newId ?? randomId,
    };
  }

  get doc(): AnnotationDocument {
    return this.current;
  }

  get labelSet(): LabelSet {
    return this.ctx.labelSet;
  }

  get targetIds(): readonly string[] {
    return this.ctx.targetIds;
  }

  get canUndo(): boolean {
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  /** Runs a command; throws `CommandError` on invalid params, leaving the document as it was. */
  execute<N extends CommandName>(name: N, params: CommandParams[N]): RecordDiff {
    const diff = runCommand(name, this.ctx, this.current, params);
    if (isEmptyDiff(diff)) return diff;
    this.current = applyDiff(this.current, diff);
    this.history.record(diff);
    this.emit(diff, 'local');
    return diff;
  }

  /** Groups the commands run until `endBatch` into one undo step. */
  beginBatch(): void {
    this.history.beginBatch();
  }

  endBatch(): void {
    this.history.endBatch();
  }

  /** Undoes the latest local step that still applies; returns its diff, or null when there is none. */
  undo(): RecordDiff | null {
    return this.move(this.history.undo(this.current), 'undo');
  }

  redo(): RecordDiff | null {
    return this.move(this.history.redo(this.current), 'redo');
  }

  /**
   * Takes in a newer copy of the document (from the server or another tab) without touching undo
   * history. Unchanged records keep their identity. Returns what changed.
   */
  applyRemote(next: AnnotationDocument): RecordDiff {
    const diff = diffDocuments(this.current, next);
    const envelopeChanged =
      next.itemId !== this.current.itemId ||
      next.annotatorId !== this.current.annotatorId ||
      next.labelSetId !== this.current.labelSetId ||
      next.labelSetVersion !== this.current.labelSetVersion;
    if (isEmptyDiff(diff) && !envelopeChanged) return diff;
    const merged = applyDiff(this.current, diff);
    this.current = { ...merged, itemId: next.itemId, annotatorId: next.annotatorId, labelSetId: next.labelSetId, labelSetVersion: next.labelSetVersion };
    this.emit(diff, 'remote');
    return diff;
  }

  subscribe(listener: DocumentListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private move(result: { doc: AnnotationDocument; diff: RecordDiff } | null, origin: 'undo' | 'redo'): RecordDiff | null {
    if (!result) return null;
    this.current = result.doc;
    this.emit(result.diff, origin);
    return result.diff;
  }

  /**
   * Every listener hears every change even if an earlier one throws (persistence must not be
   * skipped because a view failed); the first error is rethrown afterwards.
   */
  private emit(diff: RecordDiff, origin: ChangeOrigin): void {
    let failure: { error: unknown } | null = null;
    for (const listener of [...this.listeners]) {
      try {
        listener(this.current, diff, origin);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}
