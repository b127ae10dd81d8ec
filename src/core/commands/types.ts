import type { AnnotationDocument, AnnotationRecord, Geometry, Provenance } from '../annotation';
import type { RecordDiff } from '../diff';
import type { LabelSet } from '../labelSet';
import { validateAnnotationRecord } from '../validate';

/** What a command may know besides the document: who acts, when, and the task's schema. */
export interface CommandContext {
  readonly userId: string;
  /** ISO-8601 UTC. */
  now(): string;
  newId(): string;
  readonly labelSet: LabelSet;
  /** Targets (slices, frames…) of the open item. */
  readonly targetIds: readonly string[];
}

/** Parameters per command name; coordinates are in the item's own pixel frame (see annotation.ts). */
export interface CommandParams {
  'targetLabel/set': { readonly targetId: string; readonly classCode: string };
  'targetLabel/setRange': { readonly targetIds: readonly string[]; readonly classCode: string };
  'targetLabel/clear': { readonly targetIds: readonly string[] };
  'shape/add': { readonly targetId: string; readonly classCode: string; readonly geometry: Geometry };
  'shape/update': { readonly id: string; readonly geometry: Geometry };
  'shape/remove': { readonly id: string };
  'mask/set': {
    readonly targetId: string;
    readonly classCode: string;
    readonly width: number;
    readonly height: number;
    /** Run lengths as in `Mask.runs`; an all-zero mask removes the record. */
    readonly runs: readonly number[];
  };
  'proposal/accept': { readonly ids: readonly string[] };
}

export type CommandName = keyof CommandParams;

export interface Command<N extends CommandName> {
  readonly name: N;
  /** Returns the change; never mutates `doc`. Throws `CommandError` on invalid params. */
  run(ctx: CommandContext, doc: AnnotationDocument, params: CommandParams[N]): RecordDiff;
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
  return { authorId: ctx.userId, createdAt: at, updatedAt: at, source: { kind: 'human' } };
}

/** Provenance after a person edits a record: it becomes their work; its creation time stays. */
export function humanUpdated(ctx: CommandContext, previous: Provenance): Provenance {
  return { authorId: ctx.userId, createdAt: previous.createdAt, updatedAt: ctx.now(), source: { kind: 'human' } };
}

/** Throws a `CommandError` unless `record` is valid for the label set and the item's targets. */
export function checkRecord<R extends AnnotationRecord>(command: CommandName, ctx: CommandContext, record: R): R {
  const result = validateAnnotationRecord(record, ctx.labelSet, new Set(ctx.targetIds));
  if (!result.ok) throw new CommandError(command, result.errors.join('; '));
  return record;
}

export function requireClass(command: CommandName, ctx: CommandContext, classCode: string): void {
  if (!ctx.labelSet.classes.some((c) => c.code === classCode)) {
    throw new CommandError(command, `unknown class ${JSON.stringify(classCode)} in label set "${ctx.labelSet.id}"`);
  }
}

export function requireRecord(command: CommandName, doc: AnnotationDocument, id: string): AnnotationRecord {
  const record = Object.hasOwn(doc.records, id) ? doc.records[id] : undefined;
  if (!record) throw new CommandError(command, `no record ${JSON.stringify(id)}`);
  return record;
}
