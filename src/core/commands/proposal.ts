import type { AnnotationRecord } from '../annotation';
import { CommandError, requireRecord, type Command } from './types';

/**
 * Accepts model proposals: they stay model-sourced (so provenance says where they came from) and
 * record who accepted them. An ordinary undoable command, like any other edit.
 */
export const acceptProposals: Command<'proposal/accept'> = {
  name: 'proposal/accept',
  run(ctx, doc, { ids }) {
    if (!Array.isArray(ids)) throw new CommandError('proposal/accept', 'ids must be an array');
    const out: Record<string, readonly [AnnotationRecord, AnnotationRecord]> = {};
    for (const id of new Set(ids)) {
      const record = requireRecord('proposal/accept', doc, id);
      if (record.provenance.source.kind !== 'model') {
        throw new CommandError('proposal/accept', `record ${JSON.stringify(id)} is not a model proposal`);
      }
      if (record.provenance.acceptedBy === ctx.userId) continue;
      out[id] = [record, { ...record, provenance: { ...record.provenance, acceptedBy: ctx.userId, updatedAt: ctx.now() } }];
    }
    return out;
  },
};
