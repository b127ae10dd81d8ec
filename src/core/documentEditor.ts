import type { AnnotationRecord, DocumentKey } from './annotation';
import { runCommand, type CommandContext, type CommandName, type CommandParams } from './commands';
import { CommandError } from './commands/types';
import { isEmptyDiff, putEntry, sameRecord, type DiffEntry, type RecordDiff } from './diff';
import { UndoHistory } from './history';
import { newId as randomId } from './ids';
import type { LabelSet } from './labelSet';
import { RecordStore } from './recordStore';
import { ItemTargets } from './targets';
import type { ToolCommand } from './tools/tool';
import { validateAnnotationRecord } from './validation/annotation';

/**
 * Where a change came from. `local`, `undo` and `redo` are the user's and are saved and synced;
 * `remote` came from the server (already stored there); `proposal` is a model's output entering
 * the document, saved and synced but outside undo (accepting it is the undoable step).
 */
export type ChangeOrigin = 'local' | 'undo' | 'redo' | 'remote' | 'proposal';

export type DocumentListener = (diff: RecordDiff, origin: ChangeOrigin) => void;

export interface DocumentEditorOptions {
  readonly key: DocumentKey;
  readonly records?: Iterable<AnnotationRecord>;
  readonly labelSet: LabelSet;
  readonly targets: ItemTargets;
  readonly userId: string;
  /** ISO-8601 UTC clock; defaults to the system clock. */
  readonly now?: () => string;
  readonly newId?: () => string;
  readonly historyLimit?: number;
}

/**
 * An editing session over one annotation document, free of any UI framework: commands change it
 * and enter undo history; remote records and model proposals enter without touching it. Listeners
 * hear every change as a diff with its origin (the client store persists and syncs from there).
 * Every change costs O(diff): the store and its indexes are updated in place.
 */
export class DocumentEditor {
  readonly store: RecordStore;
  private readonly history: UndoHistory;
  private readonly listeners = new Set<DocumentListener>();
  private readonly ctx: CommandContext;

  constructor(options: DocumentEditorOptions) {
    const targets = options.targets;
    this.store = new RecordStore(options.key, options.records ?? [], targets);
    this.history = new UndoHistory(options.historyLimit);
    this.ctx = {
      userId: options.userId,
      labelSet: options.labelSet,
      targets,
      now: options.now ?? (() => new Date().toISOString()),
      newId: options.newId ?? randomId,
    };
  }

  get labelSet(): LabelSet {
    return this.ctx.labelSet;
  }

  get targets(): ItemTargets {
    return this.ctx.targets;
  }

  get canUndo(): boolean {
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  /** Runs a command; throws `CommandError` on invalid params, leaving the document as it was. */
  execute<N extends CommandName>(name: N, params: CommandParams[N]): RecordDiff {
    const diff = runCommand(name, this.ctx, this.store, params);
    if (isEmptyDiff(diff)) return diff;
    this.store.apply(diff);
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
    return this.move(this.history.undo(this.store), 'undo');
  }

  redo(): RecordDiff | null {
    return this.move(this.history.redo(this.store), 'redo');
  }

  /**
   * Takes in records changed elsewhere (the server, another tab) without touching undo history:
   * each entry's `after` (null = deleted) replaces what the document holds. Entries that change
   * nothing are dropped. Returns what changed.
   */
  applyRemote(records: ReadonlyMap<string, AnnotationRecord | null>): RecordDiff {
    const diff: Record<string, DiffEntry> = {};
    for (const [id, after] of records) {
      const before = this.store.get(id) ?? null;
      if (!sameRecord(before, after)) putEntry<DiffEntry>(diff, id, [before, after]);
    }
    if (isEmptyDiff(diff)) return diff;
    this.store.apply(diff);
    this.emit(diff, 'remote');
    return diff;
  }

  /**
   * Adds a model's proposals (pending, hidden from nobody, outside undo). Each must be a valid
   * record of a model origin for a record id not yet in the document (nor twice in `records`).
   */
  propose(records: readonly AnnotationRecord[]): RecordDiff {
    const diff: Record<string, DiffEntry> = {};
    for (const record of records) {
      if (record.provenance.origin.kind !== 'model' || record.provenance.decision !== 'pending') {
        throw new CommandError('proposal/add', `record ${JSON.stringify(record.id)} is not a pending model proposal`);
      }
      if (this.store.get(record.id) || Object.hasOwn(diff, record.id)) throw new CommandError('proposal/add', `record ${JSON.stringify(record.id)} already exists`);
      const checked = validateAnnotationRecord(record, { labelSet: this.ctx.labelSet, targets: this.ctx.targets });
      if (!checked.ok) throw new CommandError('proposal/add', checked.errors.join('; '));
      putEntry<DiffEntry>(diff, record.id, [null, record]);
    }
    if (isEmptyDiff(diff)) return diff;
    this.store.apply(diff);
    this.emit(diff, 'proposal');
    return diff;
  }

  /**
   * One step of a model run (see `proposal/addMany`), outside undo history like `propose`: proposals
   * stream in while a person works, and their Ctrl+Z must take back their own last edit, not the
   * model's latest step. Throws `CommandError` as the command does.
   */
  proposeRun(params: CommandParams['proposal/addMany']): RecordDiff {
    const diff = runCommand('proposal/addMany', this.ctx, this.store, params);
    if (isEmptyDiff(diff)) return diff;
    this.store.apply(diff);
    this.emit(diff, 'proposal');
    return diff;
  }

  subscribe(listener: DocumentListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private move(diff: RecordDiff | null, origin: 'undo' | 'redo'): RecordDiff | null {
    if (!diff) return null;
    this.store.apply(diff);
    this.emit(diff, origin);
    return diff;
  }

  /**
   * Every listener hears every change even if an earlier one throws (persistence must not be
   * skipped because a view failed); the first error is rethrown afterwards.
   */
  private emit(diff: RecordDiff, origin: ChangeOrigin): void {
    let failure: { error: unknown } | null = null;
    for (const listener of [...this.listeners]) {
      try {
        listener(diff, origin);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}

/** Runs one tool command; its name and params travel together, which `execute`'s generics cannot see. */
export function executeToolCommand(editor: DocumentEditor, command: ToolCommand): RecordDiff {
  return editor.execute(command.name, command.params as never);
}

/**
 * Runs tool commands as one undo step; answers the refusal of the first one refused (a
 * `CommandError`'s sentence), or null. The commands before a refused one did apply: the step is
 * taken back whole, so the document is as it was.
 */
export function runToolCommands(editor: DocumentEditor, commands: readonly ToolCommand[]): string | null {
  let refusal: string | null = null;
  let applied = 0;
  editor.beginBatch();
  try {
    for (const command of commands) if (!isEmptyDiff(executeToolCommand(editor, command))) applied += 1;
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    refusal = error.message;
  } finally {
    editor.endBatch();
  }
  if (refusal !== null && applied > 0) editor.undo();
  return refusal;
}
