/**
 * Frame ranges: one label record for a run of frames (a video event from its first to its last
 * frame), not one per frame. Ranges of one question may overlap (bleeding while a polyp is in
 * view), so each has an id of its own rather than the per-target label id.
 */
import type { AnnotationRecord, TargetLabel } from '../annotation';
import { checkRecord, CommandError, humanCreated, humanUpdated, requireClass, requireQuestion, requireRecord, type Command, type CommandName } from './types';

function requireRange(command: CommandName, record: AnnotationRecord): TargetLabel {
  if (record.type !== 'label' || record.endTargetId === undefined) throw new CommandError(command, `record ${JSON.stringify(record.id)} is not a frame range`);
  return record;
}

export const addFrameRange: Command<'frameRange/add'> = {
  name: 'frameRange/add',
  run(ctx, _doc, { questionId, firstTargetId, lastTargetId, classCode }) {
    const question = requireQuestion('frameRange/add', ctx, questionId ?? ctx.labelSet.questions.find((q) => q.target === 'frameRange')?.id, 'label');
    if (question.target !== 'frameRange') throw new CommandError('frameRange/add', `question "${question.id}" is not asked of frame ranges`);
    requireClass('frameRange/add', question, classCode);
    const id = `range:${question.id}:${ctx.newId()}`;
    const range: TargetLabel = { type: 'label', id, questionId: question.id, targetId: firstTargetId, endTargetId: lastTargetId, classCodes: [classCode], provenance: humanCreated(ctx) };
    return { [id]: [null, checkRecord('frameRange/add', ctx, range)] };
  },
};

export const resizeFrameRange: Command<'frameRange/resize'> = {
  name: 'frameRange/resize',
  run(ctx, doc, { id, firstTargetId, lastTargetId }) {
    const existing = requireRange('frameRange/resize', requireRecord('frameRange/resize', doc, id));
    if (existing.targetId === firstTargetId && existing.endTargetId === lastTargetId) return {};
    const next = { ...existing, targetId: firstTargetId, endTargetId: lastTargetId, provenance: humanUpdated(ctx, existing.provenance) };
    return { [id]: [existing, checkRecord('frameRange/resize', ctx, next)] };
  },
};

export const removeFrameRange: Command<'frameRange/remove'> = {
  name: 'frameRange/remove',
  run(_ctx, doc, { id }) {
    const existing = requireRange('frameRange/remove', requireRecord('frameRange/remove', doc, id));
    return { [id]: [existing, null] };
  },
};
