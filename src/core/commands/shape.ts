import type { Shape } from '../annotation';
import { jsonEqual } from '../jsonEqual';
import { checkRecord, CommandError, humanCreated, humanUpdated, requireRecord, type Command, type CommandName } from './types';

function requireShape(command: CommandName, record: ReturnType<typeof requireRecord>): Shape {
  if (record.type !== 'shape') throw new CommandError(command, `record ${JSON.stringify(record.id)} is a ${record.type}, not a shape`);
  return record;
}

export const addShape: Command<'shape/add'> = {
  name: 'shape/add',
  run(ctx, _doc, { targetId, classCode, geometry }) {
    const id = ctx.newId();
    const shape = checkRecord('shape/add', ctx, { type: 'shape', id, targetId, classCode, geometry, provenance: humanCreated(ctx) } satisfies Shape);
    return { [id]: [null, shape] };
  },
};

export const updateShape: Command<'shape/update'> = {
  name: 'shape/update',
  run(ctx, doc, { id, geometry }) {
    const existing = requireShape('shape/update', requireRecord('shape/update', doc, id));
    if (jsonEqual(existing.geometry, geometry)) return {};
    const next = checkRecord('shape/update', ctx, { ...existing, geometry, provenance: humanUpdated(ctx, existing.provenance) });
    return { [id]: [existing, next] };
  },
};

export const removeShape: Command<'shape/remove'> = {
  name: 'shape/remove',
  run(_ctx, doc, { id }) {
    const existing = requireShape('shape/remove', requireRecord('shape/remove', doc, id));
    return { [id]: [existing, null] };
  },
};
