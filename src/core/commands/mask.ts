import type { Mask } from '../annotation';
import type { RecordDiff } from '../diff';
import { isLive } from '../annotation';
import { jsonEqual } from '../jsonEqual';
import { countSet, normalizeRuns } from '../mask';
import { maskId } from '../recordIds';
import { checkRecord, CommandError, decided, humanCreated, humanUpdated, requireClass, requireQuestion, type Command } from './types';

/**
 * Replaces the labelmap of one class on one target, e.g. the result of a brush stroke captured
 * from the viewer. An empty labelmap removes the record (a model's proposal is rejected instead, kept hidden).
 */
export const setMask: Command<'mask/set'> = {
  name: 'mask/set',
  run(ctx, doc, { questionId, targetId, classCode, width, height, runs }) {
    const question = requireQuestion('mask/set', ctx, questionId, 'region');
    requireClass('mask/set', question, classCode);
    if (!Array.isArray(runs)) throw new CommandError('mask/set', 'runs must be an array');
    const existing = doc
      .recordsAt(targetId)
      .find((r): r is Mask => r.type === 'mask' && r.questionId === question.id && r.classCode === classCode && isLive(r));
    // The shared id, unless a hidden (rejected) proposal holds it.
    const sharedId = maskId(question.id, targetId, classCode);
    const id = existing?.id ?? (doc.get(sharedId) ? `${sharedId}:${ctx.newId()}` : sharedId);
    // Validate as written, so a bad run is reported before normalising could hide it.
    const candidate = checkRecord('mask/set', ctx, {
      type: 'mask',
      id,
      questionId: question.id,
      targetId,
      classCode,
      width,
      height,
      runs: [...runs],
      provenance: existing ? humanUpdated(ctx, existing.provenance) : humanCreated(ctx),
    } satisfies Mask);
    const next: Mask = { ...candidate, runs: normalizeRuns(runs) };
    if (countSet(next.runs) === 0) {
      if (!existing) return {};
      // A proposal is kept as rejected rather than deleted, so acceptance can be measured.
      if (existing.provenance.origin.kind === 'model') return { [id]: [existing, { ...existing, provenance: decided(ctx, existing.provenance, 'rejected') }] };
      return { [id]: [existing, null] };
    }
    if (existing && existing.width === width && existing.height === height && jsonEqual(normalizeRuns(existing.runs), next.runs)) {
      return {};
    }
    return { [id]: [existing ?? null, next] };
  },
};

/**
 * Sets the labelmaps of one class on several slices at once (slices filled by interpolation):
 * one diff, one undo step, one record per slice as `mask/set` makes it.
 */
export const setMasks: Command<'mask/setMany'> = {
  name: 'mask/setMany',
  run(ctx, doc, { questionId, classCode, width, height, slices }) {
    const targets = new Set<string>();
    let diff: RecordDiff = {};
    for (const { targetId, runs } of slices) {
      if (targets.has(targetId)) throw new CommandError('mask/setMany', `slice ${JSON.stringify(targetId)} given twice`);
      targets.add(targetId);
      // Different slices hold different records, so the diffs never meet.
      diff = { ...diff, ...setMask.run(ctx, doc, { questionId, targetId, classCode, width, height, runs }) };
    }
    return diff;
  },
};
