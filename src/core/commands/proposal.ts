import type { AnnotationRecord } from '../annotation';
import type { DiffEntry } from '../diff';
import { putEntry } from '../diff';
import { CommandError, decided, requireRecord, type Command, type CommandName } from './types';

function decide(command: CommandName, decision: 'accepted' | 'rejected'): Command<'proposal/accept'>['run'] {
  return (ctx, doc, { ids }) => {
    if (!Array.isArray(ids)) throw new CommandError(command, 'ids must be an array');
    const out: Record<string, DiffEntry> = {};
    for (const id of new Set(ids)) {
      const record = requireRecord(command, doc, id);
      if (record.provenance.origin.kind !== 'model') throw new CommandError(command, `record ${JSON.stringify(id)} is not a model proposal`);
      if (record.provenance.decision === decision && record.provenance.decidedBy === ctx.userId) continue;
      // An edited proposal is already accepted, with changes: accepting it again must not erase the edit.
      if (decision === 'accepted' && record.provenance.decision === 'edited') continue;
      const next = { ...record, provenance: decided(ctx, record.provenance, decision) } as AnnotationRecord;
      putEntry<DiffEntry>(out, id, [record, next]);
    }
    return out;
  };
}

/**
 * Accepts model proposals: they stay model-sourced (provenance says which model and run made them)
 * and record who accepted them. An ordinary undoable command, like any other edit.
 */
export const acceptProposals: Command<'proposal/accept'> = { name: 'proposal/accept', run: decide('proposal/accept', 'accepted') };

/** Rejects model proposals: kept, hidden from views and counts, so acceptance rates can be measured. Undoable. */
export const rejectProposals: Command<'proposal/reject'> = { name: 'proposal/reject', run: decide('proposal/reject', 'rejected') };
