import type { AnnotationDocument, TargetLabel } from '../annotation';
import type { RecordDiff } from '../diff';
import { labelsByTarget, targetLabelId } from '../targetLabels';
import { CommandError, humanCreated, humanUpdated, requireClass, type Command, type CommandContext, type CommandName } from './types';

function requireTargets(command: CommandName, ctx: CommandContext, targetIds: readonly string[]): void {
  if (!Array.isArray(targetIds)) throw new CommandError(command, 'targetIds must be an array');
  const known = new Set(ctx.targetIds);
  const unknown = targetIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new CommandError(command, `unknown target ${unknown.map((id) => JSON.stringify(id)).join(', ')}`);
}

/** Diff entry that gives `targetId` exactly `codes` (none = no label record), or nothing if already so. */
function labelEntry(
  ctx: CommandContext,
  existing: TargetLabel | undefined,
  targetId: string,
  codes: readonly string[],
  out: Record<string, readonly [TargetLabel | null, TargetLabel | null]>,
): void {
  if (codes.length === 0) {
    if (existing) out[existing.id] = [existing, null];
    return;
  }
  if (existing) {
    const same = existing.classCodes.length === codes.length && codes.every((c) => existing.classCodes.includes(c));
    // A person repeating a model's answer still makes it their own; repeating their own is a no-op.
    if (same && existing.provenance.source.kind === 'human') return;
    out[existing.id] = [existing, { ...existing, classCodes: codes, provenance: humanUpdated(ctx, existing.provenance) }];
    return;
  }
  const id = targetLabelId(targetId);
  out[id] = [null, { type: 'label', id, targetId, classCodes: codes, provenance: humanCreated(ctx) }];
}

/**
 * Labels targets with a class. Single choice: the class replaces the target's label. Multi choice:
 * the class is toggled; over a range it is added to every target, or removed from all if all have it.
 */
function setLabels(command: CommandName, ctx: CommandContext, doc: AnnotationDocument, targetIds: readonly string[], classCode: string): RecordDiff {
  requireTargets(command, ctx, targetIds);
  requireClass(command, ctx, classCode);
  const labels = labelsByTarget(doc);
  const unique = [...new Set(targetIds)];
  const out: Record<string, readonly [TargetLabel | null, TargetLabel | null]> = {};
  const removing = ctx.labelSet.choice === 'multi' && unique.every((t) => labels.get(t)?.classCodes.includes(classCode));
  for (const targetId of unique) {
    const existing = labels.get(targetId);
    const current = existing?.classCodes ?? [];
    let codes: readonly string[];
    if (ctx.labelSet.choice === 'single') codes = [classCode];
    else if (removing) codes = current.filter((c) => c !== classCode);
    else codes = current.includes(classCode) ? current : [...current, classCode];
    labelEntry(ctx, existing, targetId, codes, out);
  }
  return out;
}

export const setTargetLabel: Command<'targetLabel/set'> = {
  name: 'targetLabel/set',
  run: (ctx, doc, { targetId, classCode }) => setLabels('targetLabel/set', ctx, doc, [targetId], classCode),
};

export const setTargetLabelRange: Command<'targetLabel/setRange'> = {
  name: 'targetLabel/setRange',
  run: (ctx, doc, { targetIds, classCode }) => setLabels('targetLabel/setRange', ctx, doc, targetIds, classCode),
};

export const clearTargetLabels: Command<'targetLabel/clear'> = {
  name: 'targetLabel/clear',
  run(ctx, doc, { targetIds }) {
    if (!Array.isArray(targetIds)) throw new CommandError('targetLabel/clear', 'targetIds must be an array');
    const labels = labelsByTarget(doc);
    // Clearing a label on a target the item no longer has is allowed: it tidies up.
    requireTargets('targetLabel/clear', ctx, targetIds.filter((id) => !labels.has(id)));
    const out: Record<string, readonly [TargetLabel | null, TargetLabel | null]> = {};
    for (const targetId of targetIds) labelEntry(ctx, labels.get(targetId), targetId, [], out);
    return out;
  },
};
