import type { AnnotationRecord, Geometry, Shape } from '../annotation';
import { geometryFault, type OutlineFaultKind } from '../geometry/crossings';
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

const FAULT_TEXT: Readonly<Record<OutlineFaultKind, string>> = {
  ringCrossesItself: 'crosses itself',
  holeCrossesOutline: 'has a hole crossing or outside its outline',
  holesCross: 'has holes crossing each other',
  partsCross: 'has parts crossing each other',
  holesNested: 'has a hole inside another hole',
  partsNested: 'has a part inside another part',
};

/**
 * Refuses an outline that crosses itself (from a tool, an import, a model or a remote client):
 * areas measured on it would be wrong, and QuPath or GDAL refuse it on export.
 */
export function requireSimpleOutline(command: CommandName, geometry: Geometry, where = 'geometry'): void {
  const fault = geometryFault(geometry);
  if (fault) throw new CommandError(command, `${where}: the outline ${FAULT_TEXT[fault.kind]} (part ${fault.part + 1}, ring ${fault.ring + 1})`);
}

export const addShape: Command<'shape/add'> = {
  name: 'shape/add',
  run(ctx, _doc, { questionId, targetId, classCode, geometry }) {
    const question = requireQuestion('shape/add', ctx, questionId, 'region');
    requireClass('shape/add', question, classCode);
    const id = ctx.newId();
    const shape: Shape = { type: 'shape', id, questionId: question.id, targetId, classCode, geometry, provenance: humanCreated(ctx) };
    checkRecord('shape/add', ctx, shape);
    requireSimpleOutline('shape/add', geometry);
    return { [id]: [null, shape] };
  },
};

/**
 * Moves or reshapes an outline; a model's proposal changed by a person counts as edited. An edit may
 * not make an outline cross itself; one that already did (an older record) may still be moved.
 */
export const updateShape: Command<'shape/update'> = {
  name: 'shape/update',
  run(ctx, doc, { id, geometry }) {
    const existing = requireShape('shape/update', requireRecord('shape/update', doc, id));
    if (jsonEqual(existing.geometry, geometry)) return {};
    const next = checkRecord('shape/update', ctx, { ...existing, geometry, provenance: humanUpdated(ctx, existing.provenance) });
    if (geometryFault(existing.geometry) === null) requireSimpleOutline('shape/update', geometry);
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
