import type { AnnotationRecord, Shape } from '../annotation';
import { jsonEqual } from '../jsonEqual';
import {
  checkRecord,
  CommandError,
  decided,
  humanCreated,
  humanUpdated,
  requireClass,
  requireQuestion,
  requireRecord,
  type Command,
  type CommandName,
} from './types';

export function requireShape(command: CommandName, record: AnnotationRecord): Shape {
  if (record.type !== 'shape') throw new CommandError(command, `record ${JSON.stringify(record.id)} is a ${record.type}, not a shape`);
  return record;
}

export const addShape: Command<'shape/add'> = {
  name: 'shape/add',
  run(ctx, _doc, { questionId, targetId, classCode, geometry }) {
    const question = requireQuestion('shape/add', ctx, questionId, 'region');
    requireClass('shape/add', question, classCode);
    const id = ctx.newId();
    const shape: Shape = { type: 'shape', id, questionId: question.id, targetId, classCode, geometry, provenance: humanCreated(ctx) };
    return { [id]: [null, checkRecord('shape/add', ctx, shape)] };
  },
};

/** Moves or reshapes an outline; a model's proposal changed by a person counts as edited. */
export const updateShape: Command<'shape/update'> = {
  name: 'shape/update',
  run(ctx, doc, { id, geometry }) {
    const existing = requireShape('shape/update', requireRecord('shape/update', doc, id));
    if (jsonEqual(existing.geometry, geometry)) return {};
    const next = checkRecord('shape/update', ctx, { ...existing, geometry, provenance: humanUpdated(ctx, existing.provenance) });
    return { [id]: [existing, next] };
  },
};

/** Removes a person's outline; a model's proposal is rejected instead (kept, hidden). */
export const removeShape: Command<'shape/remove'> = {
  name: 'shape/remove',
  run(ctx, doc, { id }) {
    const existing = requireShape('shape/remove', requireRecord('shape/remove', doc, id));
    if (existing.provenance.origin.kind === 'model') {
      return { [id]: [existing, { ...existing, provenance: decided(ctx, existing.provenance, 'rejected') }] };
    }
    return { [id]: [existing, null] };
  },
};
