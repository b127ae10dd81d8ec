import type { Mask, Shape } from '../annotation';
import { putEntry, type DiffEntry, type RecordDiff } from '../diff';
import { setMask } from './mask';
import { requireSimpleOutline } from './shape';
import { checkRecord, CommandError, humanCreated, requireClass, requireQuestion, type Command } from './types';

/**
 * Adds the records read from a file (a DICOM SEG's labelmaps, an RT Structure Set's outlines or
 * labelmaps) in one diff: one undo step. Each keeps the file it came from (`provenance.imported`);
 * the rest of its provenance and an outline's id are the command's, as for any record a person
 * adds now. A labelmap replaces the slice's labelmap of its class, as `mask/set` does. One bad
 * record refuses the whole command, naming it, so nothing is half imported.
 */
export const importRecords: Command<'record/importMany'> = {
  name: 'record/importMany',
  run(ctx, doc, { records }) {
    const diff: Record<string, DiffEntry> = {};
    const created = humanCreated(ctx);
    const masks = new Set<string>();
    records.forEach((record: Mask | Shape, i) => {
      const at = `records[${i}]`;
      const imported = record.provenance.imported;
      if (!imported) throw new CommandError('record/importMany', `${at}: names no file it was imported from`);
      const question = requireQuestion('record/importMany', ctx, record.questionId, 'region');
      requireClass('record/importMany', question, record.classCode);
      if (record.type === 'mask') {
        const key = `${record.targetId}\n${record.classCode}`;
        if (masks.has(key)) throw new CommandError('record/importMany', `${at}: a second ${record.classCode} labelmap on ${JSON.stringify(record.targetId)}`);
        masks.add(key);
        const { targetId, classCode, width, height, runs } = record;
        const set = setMask.run(ctx, doc, { questionId: question.id, targetId, classCode, width, height, runs });
        for (const [id, [before, after]] of Object.entries(set)) {
          putEntry<DiffEntry>(diff, id, [before, after && { ...after, provenance: { ...after.provenance, imported } }]);
        }
        return;
      }
      const id = ctx.newId();
      const shape = checkRecord('record/importMany', ctx, { ...record, id, questionId: question.id, provenance: { ...created, imported } } satisfies Shape);
      requireSimpleOutline('record/importMany', shape.geometry, `${at}.geometry`);
      putEntry<DiffEntry>(diff, id, [null, shape]);
    });
    return diff satisfies RecordDiff;
  },
};
