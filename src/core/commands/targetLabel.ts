import type { DocumentView, TargetLabel } from '../annotation';
import type { DiffEntry, RecordDiff } from '../diff';
import { putEntry } from '../diff';
import type { Question } from '../labelSet';
import { targetLabelId } from '../recordIds';
import { labelAt } from '../targetLabels';
import { paintRuns, tagsAsRuns } from './frameRuns';
import {
  CommandError,
  checkRecord,
  decided,
  humanCreated,
  humanUpdated,
  requireClass,
  requireQuestion,
  type Command,
  type CommandContext,
  type CommandName,
} from './types';

function requireTargets(command: CommandName, ctx: CommandContext, question: Question, targetIds: readonly string[]): void {
  if (!Array.isArray(targetIds)) throw new CommandError(command, 'targetIds must be an array');
  const unknown = targetIds.filter((id) => !ctx.targets.accepts(question, id));
  if (unknown.length > 0) throw new CommandError(command, `unknown target ${unknown.map((id) => JSON.stringify(id)).join(', ')}`);
}

/** Indices in the item's order of the (known) frames named. */
function framesOf(ctx: CommandContext, targetIds: readonly string[]): number[] {
  return targetIds.flatMap((id) => {
    const frame = ctx.targets.indexOf(id);
    return frame === undefined ? [] : [frame];
  });
}

/** A fresh id for a person's label: the shared one unless a hidden (rejected) proposal holds it. */
function newLabelId(ctx: CommandContext, doc: DocumentView, questionId: string, targetId: string): string {
  const id = targetLabelId(questionId, targetId);
  return doc.get(id) ? `${id}:${ctx.newId()}` : id;
}

/** Diff entry that gives the target exactly `codes` (none = no label record), or nothing if already so. */
function labelEntry(
  ctx: CommandContext,
  doc: DocumentView,
  question: Question,
  targetId: string,
  codes: readonly string[],
  out: Record<string, DiffEntry>,
): void {
  const existing = labelAt(doc, question.id, targetId);
  if (codes.length === 0) {
    if (!existing) return;
    // A proposal is kept as rejected rather than deleted, so acceptance can be measured.
    if (existing.provenance.origin.kind === 'model') putEntry<DiffEntry>(out, existing.id, [existing, { ...existing, provenance: decided(ctx, existing.provenance, 'rejected') }]);
    else putEntry<DiffEntry>(out, existing.id, [existing, null]);
    return;
  }
  if (existing) {
    const same = existing.classCodes.length === codes.length && codes.every((c) => existing.classCodes.includes(c));
    if (same) {
      // A person repeating a pending proposal's answer accepts it; repeating settled work is a no-op.
      if (existing.provenance.decision === 'pending') putEntry<DiffEntry>(out, existing.id, [existing, { ...existing, provenance: decided(ctx, existing.provenance, 'accepted') }]);
      return;
    }
    const next = checkRecord('targetLabel/set', ctx, { ...existing, classCodes: codes, provenance: humanUpdated(ctx, existing.provenance) });
    putEntry<DiffEntry>(out, existing.id, [existing, next]);
    return;
  }
  const id = newLabelId(ctx, doc, question.id, targetId);
  const created: TargetLabel = { type: 'label', id, questionId: question.id, targetId, classCodes: codes, provenance: humanCreated(ctx) };
  putEntry<DiffEntry>(out, id, [null, checkRecord('targetLabel/set', ctx, created)]);
}

/**
 * Labels targets with a class. Single choice and grades: the class replaces the target's answer.
 * Multiple choice: the class is toggled; over a range it is added to every target, or removed from
 * all if all have it.
 */
function setLabels(
  command: CommandName,
  ctx: CommandContext,
  doc: DocumentView,
  questionId: string | undefined,
  targetIds: readonly string[],
  classCode: string,
): RecordDiff {
  const question = requireQuestion(command, ctx, questionId, 'label');
  requireTargets(command, ctx, question, targetIds);
  requireClass(command, question, classCode);
  if (tagsAsRuns(question, doc)) return paintRuns(command, ctx, doc, question, framesOf(ctx, targetIds), [classCode]);
  const unique = [...new Set(targetIds)];
  const out: Record<string, DiffEntry> = {};
  const multiple = question.kind === 'multiple';
  const removing = multiple && unique.every((t) => labelAt(doc, question.id, t)?.classCodes.includes(classCode));
  for (const targetId of unique) {
    const current = labelAt(doc, question.id, targetId)?.classCodes ?? [];
    let codes: readonly string[];
    if (!multiple) codes = [classCode];
    else if (removing) codes = current.filter((c) => c !== classCode);
    else codes = current.includes(classCode) ? current : [...current, classCode];
    labelEntry(ctx, doc, question, targetId, codes, out);
  }
  return out;
}

export const setTargetLabel: Command<'targetLabel/set'> = {
  name: 'targetLabel/set',
  run: (ctx, doc, { questionId, targetId, classCode }) => setLabels('targetLabel/set', ctx, doc, questionId, [targetId], classCode),
};

export const setTargetLabelRange: Command<'targetLabel/setRange'> = {
  name: 'targetLabel/setRange',
  run: (ctx, doc, { questionId, targetIds, classCode }) => setLabels('targetLabel/setRange', ctx, doc, questionId, targetIds, classCode),
};

export const clearTargetLabels: Command<'targetLabel/clear'> = {
  name: 'targetLabel/clear',
  run(ctx, doc, { questionId, targetIds }) {
    if (!Array.isArray(targetIds)) throw new CommandError('targetLabel/clear', 'targetIds must be an array');
    const question = requireQuestion('targetLabel/clear', ctx, questionId, 'label');
    // Clearing a label on a target the item no longer has is allowed: it tidies up.
    requireTargets('targetLabel/clear', ctx, question, targetIds.filter((id) => !labelAt(doc, question.id, id)));
    if (tagsAsRuns(question, doc)) return paintRuns('targetLabel/clear', ctx, doc, question, framesOf(ctx, targetIds), []);
    const out: Record<string, DiffEntry> = {};
    for (const targetId of new Set(targetIds)) labelEntry(ctx, doc, question, targetId, [], out);
    return out;
  },
};
