import type { Shape } from '../annotation';
import { putEntry, type DiffEntry, type RecordDiff } from '../diff';
import { validateAnnotationRecord } from '../validation/annotation';
import { requireSimpleOutline } from './shape';
import { CommandError, humanCreated, requireQuestion, type Command } from './types';

/**
 * Adds many outlines in one diff (an import of 10^4–10^5): one undo step, one journal entry, one
 * save; the outbox splits it into batches for the wire. Each outline is checked like `shape/add`'s,
 * and one bad outline refuses the whole command, naming it, so nothing is half imported.
 */
export const addShapes: Command<'shape/addMany'> = {
  name: 'shape/addMany',
  run(ctx, _doc, { questionId, targetId, shapes }) {
    const question = requireQuestion('shape/addMany', ctx, questionId, 'region');
    const classes = new Set(question.classes.map((c) => c.code));
    // One creation for all: the same author and moment, shared rather than copied 10^5 times.
    const provenance = humanCreated(ctx);
    const diff: Record<string, DiffEntry> = {};
    shapes.forEach(({ classCode, geometry }, i) => {
      if (!classes.has(classCode)) throw new CommandError('shape/addMany', `shapes[${i}]: unknown class ${JSON.stringify(classCode)} in question "${question.id}"`);
      const id = ctx.newId();
      const shape: Shape = { type: 'shape', id, questionId: question.id, targetId, classCode, geometry, provenance };
      const checked = validateAnnotationRecord(shape, { labelSet: ctx.labelSet, targets: ctx.targets });
      if (!checked.ok) throw new CommandError('shape/addMany', `shapes[${i}]: ${checked.errors.join('; ')}`);
      requireSimpleOutline('shape/addMany', geometry, `shapes[${i}].geometry`);
      putEntry<DiffEntry>(diff, id, [null, shape]);
    });
    return diff satisfies RecordDiff;
  },
};
