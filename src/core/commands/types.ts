import type { AnnotationRecord, DocumentView, Geometry, Mask, Provenance, Shape } from '../annotation';
import type { Box } from '../bounds';
import type { RecordDiff } from '../diff';
import { findQuestion, isLabelQuestion, type LabelSet, type Question } from '../labelSet';
import type { ModelRun, ProposalDraft } from '../models/proposalDraft';
import type { ItemTargets } from '../targets';
import { validateAnnotationRecord } from '../validation/annotation';

/** What a command may know besides the document: who acts, when, the task's schema and the item. */
export interface CommandContext {
  readonly userId: string;
  /** ISO-8601 UTC. */
  now(): string;
  newId(): string;
  readonly labelSet: LabelSet;
  readonly targets: ItemTargets;
}

/**
 * Parameters per command name; coordinates are in the item's own pixel frame (see annotation.ts).
 * `questionId` may be left out where the label set has one question of the right kind (the
 * first label question for labels, the first region question for shapes and masks).
 */
export interface CommandParams {
  'targetLabel/set': { readonly questionId?: string; readonly targetId: string; readonly classCode: string };
  'targetLabel/setRange': { readonly questionId?: string; readonly targetIds: readonly string[]; readonly classCode: string };
  'targetLabel/clear': { readonly questionId?: string; readonly targetIds: readonly string[] };
  'shape/add': { readonly questionId?: string; readonly targetId: string; readonly classCode: string; readonly geometry: Geometry };
  /** Many outlines on one image at once (a GeoJSON import): one diff, one undo step. */
  'shape/addMany': { readonly questionId?: string; readonly targetId: string; readonly shapes: readonly NewShape[] };
  'shape/update': { readonly id: string; readonly geometry: Geometry };
  'shape/remove': { readonly id: string };
  /** A class change of a selection (a class key pressed with outlines selected). */
  'shape/setClass': { readonly ids: readonly string[]; readonly classCode: string };
  /** A selection dragged by (dx, dy) image px: one step however many outlines move. */
  'shape/translate': { readonly ids: readonly string[]; readonly dx: number; readonly dy: number };
  /** A selection deleted: one step, each outline as `shape/remove` does it. */
  'shape/removeMany': { readonly ids: readonly string[] };
  'mask/set': {
    readonly questionId?: string;
    readonly targetId: string;
    readonly classCode: string;
    readonly width: number;
    readonly height: number;
    /** Run lengths as in `Mask.runs`; an all-zero mask removes the record. */
    readonly runs: readonly number[];
  };
  /** Labelmaps of one class on several slices (an interpolation): one step, one record per slice. */
  'mask/setMany': {
    readonly questionId?: string;
    readonly classCode: string;
    readonly width: number;
    readonly height: number;
    readonly slices: readonly { readonly targetId: string; readonly runs: readonly number[] }[];
  };
  /**
   * Records read from a file (a DICOM SEG, an RT Structure Set), each carrying `provenance.imported`:
   * one step. Their other provenance and outline ids are the command's own.
   */
  'record/importMany': { readonly records: readonly (Mask | Shape)[] };
  /** A run of frames (first and last inclusive, in the item's order) tagged with one class: one record. */
  'frameRange/add': { readonly questionId?: string; readonly firstTargetId: string; readonly lastTargetId: string; readonly classCode: string };
  /** A range's ends moved (an edge dragged on the timeline): the same record, new first and last. */
  'frameRange/resize': { readonly id: string; readonly firstTargetId: string; readonly lastTargetId: string };
  'frameRange/remove': { readonly id: string };
  'proposal/accept': { readonly ids: readonly string[] };
  'proposal/reject': { readonly ids: readonly string[] };
  /**
   * What one step of a model run proposes (a slice, a slide region), as pending proposals: one
   * diff. `covered`: where the step looked (level-0 px of a slide region); the same model's pending
   * outlines there that this step does not make again are withdrawn.
   */
  'proposal/addMany': {
    readonly run: ModelRun;
    readonly drafts: readonly ProposalDraft[];
    readonly covered?: { readonly targetId: string; readonly box: Box };
    /** Ids of the model's own pending proposals this step replaces (a click-prompted outline asked again with more clicks). */
    readonly replaces?: readonly string[];
  };
}

/** An outline to add: its class (of the command's question) and its geometry. */
export interface NewShape {
  readonly classCode: string;
  readonly geometry: Geometry;
}

export type CommandName = keyof CommandParams;

export interface Command<N extends CommandName> {
  readonly name: N;
  /** Returns the change; never mutates `doc`. Throws `CommandError` on invalid params. */
  run(ctx: CommandContext, doc: DocumentView, params: CommandParams[N]): RecordDiff;
}

/** Any one command of the registry, with its name tied to its params. */
export type AnyCommand = { [N in CommandName]: Command<N> }[CommandName];

/** Invalid parameters for a command (unknown target, class or record…); the document is untouched. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    message: string,
  ) {
    super(`${command}: ${message}`);
    this.name = 'CommandError';
  }
}

/** Provenance of a record a person creates now. */
export function humanCreated(ctx: CommandContext): Provenance {
  const at = ctx.now();
  return { origin: { kind: 'human' }, createdAt: at, updatedAt: at, authors: [ctx.userId] };
}

/**
 * Provenance after a person changes a record: its origin and creation time stay, the person joins
 * its authors, and a model proposal they change counts as edited.
 */
export function humanUpdated(ctx: CommandContext, previous: Provenance): Provenance {
  const authors = previous.authors.includes(ctx.userId) ? previous.authors : [...previous.authors, ctx.userId];
  const next: Provenance = { ...previous, authors, updatedAt: ctx.now() };
  if (previous.origin.kind !== 'model') return next;
  return { ...next, decision: 'edited', decidedBy: ctx.userId };
}

/**
 * Provenance of a proposal a person accepts (they become one of its authors: the work is now
 * theirs too) or rejects (kept, hidden; the decision names them).
 */
export function decided(ctx: CommandContext, previous: Provenance, decision: 'accepted' | 'rejected'): Provenance {
  const joins = decision === 'accepted' && !previous.authors.includes(ctx.userId);
  const authors = joins ? [...previous.authors, ctx.userId] : previous.authors;
  return { ...previous, authors, decision, decidedBy: ctx.userId, updatedAt: ctx.now() };
}

/** Throws a `CommandError` unless `record` is valid for the label set and the item's targets. */
export function checkRecord<R extends AnnotationRecord>(command: CommandName, ctx: CommandContext, record: R): R {
  const result = validateAnnotationRecord(record, { labelSet: ctx.labelSet, targets: ctx.targets });
  if (!result.ok) throw new CommandError(command, result.errors.join('; '));
  return record;
}

/** The question a command answers: the one named, or the set's first of the right kind. */
export function requireQuestion(command: CommandName, ctx: CommandContext, questionId: string | undefined, kind: 'label' | 'region'): Question {
  const question =
    questionId === undefined
      ? ctx.labelSet.questions.find((q) => isLabelQuestion(q) === (kind === 'label'))
      : findQuestion(ctx.labelSet, questionId);
  if (!question) {
    const what = questionId === undefined ? `no ${kind} question` : `no question ${JSON.stringify(questionId)}`;
    throw new CommandError(command, `${what} in label set "${ctx.labelSet.id}"`);
  }
  if (isLabelQuestion(question) !== (kind === 'label')) {
    throw new CommandError(command, `question "${question.id}" is not a ${kind} question`);
  }
  return question;
}

export function requireClass(command: CommandName, question: Question, classCode: string): void {
  if (!question.classes.some((c) => c.code === classCode)) {
    throw new CommandError(command, `unknown class ${JSON.stringify(classCode)} in question "${question.id}"`);
  }
}

export function requireRecord(command: CommandName, doc: DocumentView, id: string): AnnotationRecord {
  const record = doc.get(id);
  if (!record) throw new CommandError(command, `no record ${JSON.stringify(id)}`);
  return record;
}
