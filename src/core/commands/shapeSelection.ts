import type { DiffEntry, RecordDiff } from '../diff';
import { putEntry } from '../diff';
import { findQuestion } from '../labelSet';
import { translateGeometry } from '../geometry/transform';
import { removeShape, requireShape, updateShape } from './shape';
import { checkRecord, CommandError, humanUpdated, requireClass, requireRecord, type Command, type CommandName } from './types';

/**
 * Commands on a selection of outlines: each is one diff, so one undo step, and costs O(selection).
 * Each outline changes as its single-record command would change it.
 */

function uniqueIds(command: CommandName, ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw new CommandError(command, 'ids must be an array of record ids');
  return [...new Set(ids as string[])];
}

function merge(into: Record<string, DiffEntry>, diff: RecordDiff): void {
  for (const [id, entry] of Object.entries(diff)) putEntry<DiffEntry>(into, id, entry);
}

/** Gives each outline `classCode` of its own question; a model's proposal changed so counts as edited. */
export const setShapeClass: Command<'shape/setClass'> = {
  name: 'shape/setClass',
  run(ctx, doc, { ids, classCode }) {
    const out: Record<string, DiffEntry> = {};
    for (const id of uniqueIds('shape/setClass', ids)) {
      const shape = requireShape('shape/setClass', requireRecord('shape/setClass', doc, id));
      const question = findQuestion(ctx.labelSet, shape.questionId);
      if (!question) throw new CommandError('shape/setClass', `no question ${JSON.stringify(shape.questionId)} in label set "${ctx.labelSet.id}"`);
      requireClass('shape/setClass', question, classCode);
      if (shape.classCode === classCode) continue;
      const next = checkRecord('shape/setClass', ctx, { ...shape, classCode, provenance: humanUpdated(ctx, shape.provenance) });
      putEntry<DiffEntry>(out, id, [shape, next]);
    }
    return out;
  },
};

export const translateShapes: Command<'shape/translate'> = {
  name: 'shape/translate',
  run(ctx, doc, { ids, dx, dy }) {
    if (!Number.isFinite(dx) || !Number.isFinite(dy)) throw new CommandError('shape/translate', 'dx and dy must be finite numbers');
    const out: Record<string, DiffEntry> = {};
    for (const id of uniqueIds('shape/translate', ids)) {
      const shape = requireShape('shape/translate', requireRecord('shape/translate', doc, id));
      merge(out, updateShape.run(ctx, doc, { id, geometry: translateGeometry(shape.geometry, dx, dy) }));
    }
    return out;
  },
};

export const removeShapes: Command<'shape/removeMany'> = {
  name: 'shape/removeMany',
  run(ctx, doc, { ids }) {
    const out: Record<string, DiffEntry> = {};
    for (const id of uniqueIds('shape/removeMany', ids)) {
      requireShape('shape/removeMany', requireRecord('shape/removeMany', doc, id));
      merge(out, removeShape.run(ctx, doc, { id }));
    }
    return out;
  },
};
