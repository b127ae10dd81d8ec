import type { AnnotationRecord, DocumentView, Provenance, Shape, TargetLabel } from '../annotation';
import { geometryBounds, type Box } from '../bounds';
import type { DiffEntry } from '../diff';
import { putEntry } from '../diff';
import type { ModelRun, ProposalDraft } from '../models/proposalDraft';
import { targetLabelId } from '../recordIds';
import { labelAt } from '../targetLabels';
import {
  CommandError,
  checkRecord,
  decided,
  requireClass,
  requireQuestion,
  requireRecord,
  type Command,
  type CommandContext,
  type CommandName,
} from './types';

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

/** The model's own pending proposal (nobody has decided on it), which a new run of it may replace. */
function ownPending(record: AnnotationRecord, run: ModelRun): boolean {
  const { origin, decision } = record.provenance;
  return origin.kind === 'model' && origin.modelId === run.modelId && decision === 'pending';
}

function proposalProvenance(ctx: CommandContext, run: ModelRun, score: number): Provenance {
  const at = ctx.now();
  const { modelId, version, contentHash, runId, threshold } = run;
  return { origin: { kind: 'model', modelId, version, contentHash, runId, threshold, score }, createdAt: at, updatedAt: at, authors: [], decision: 'pending' };
}

function requireDraft(ctx: CommandContext, draft: ProposalDraft): void {
  const command = 'proposal/addMany';
  if (!(draft.score >= 0 && draft.score <= 1)) throw new CommandError(command, `score ${draft.score} of a proposal on ${JSON.stringify(draft.targetId)} is not in [0, 1]`);
  const question = requireQuestion(command, ctx, draft.questionId, draft.type === 'label' ? 'label' : 'region');
  requireClass(command, question, draft.classCode);
  if (!ctx.targets.accepts(question, draft.targetId)) throw new CommandError(command, `unknown target ${JSON.stringify(draft.targetId)}`);
}

/**
 * A label proposal, unless a person has answered there. A person's answer (their own label, or a
 * proposal they accepted or edited) is never overwritten; nor is another model's pending proposal
 * (the person decides on it first); nor does a re-run ask again what the person rejected.
 */
function labelProposal(ctx: CommandContext, doc: DocumentView, run: ModelRun, draft: Extract<ProposalDraft, { type: 'label' }>, out: Record<string, DiffEntry>): void {
  const provenance = proposalProvenance(ctx, run, draft.score);
  const existing = labelAt(doc, draft.questionId, draft.targetId);
  if (existing) {
    if (!ownPending(existing, run)) return;
    // Re-running replaces the model's earlier proposal in place: one record per slice, not a pile.
    putEntry<DiffEntry>(out, existing.id, [existing, checkRecord('proposal/addMany', ctx, { ...existing, classCodes: [draft.classCode], provenance })]);
    return;
  }
  const id = targetLabelId(draft.questionId, draft.targetId);
  const hidden = doc.get(id);
  const origin = hidden?.provenance.origin;
  const rejectedAlready = hidden?.type === 'label' && origin?.kind === 'model' && origin.modelId === run.modelId && hidden.classCodes.includes(draft.classCode);
  if (rejectedAlready) return;
  const recordId = hidden ? `${id}:${ctx.newId()}` : id;
  const record: TargetLabel = { type: 'label', id: recordId, questionId: draft.questionId, targetId: draft.targetId, classCodes: [draft.classCode], provenance };
  putEntry<DiffEntry>(out, recordId, [null, checkRecord('proposal/addMany', ctx, record)]);
}

/** The model's pending outlines centred in `box`: what a new run over that region replaces. O(records in the box). */
function withdrawCovered(doc: DocumentView, run: ModelRun, covered: { readonly targetId: string; readonly box: Box }, out: Record<string, DiffEntry>): void {
  if (!doc.recordsIn) throw new CommandError('proposal/addMany', 'this document cannot be searched by region');
  const { box } = covered;
  for (const record of doc.recordsIn(covered.targetId, box)) {
    if (record.type !== 'shape' || !ownPending(record, run)) continue;
    const bounds = geometryBounds(record.geometry);
    const cx = (bounds.minX + bounds.maxX) / 2;
    const cy = (bounds.minY + bounds.maxY) / 2;
    if (cx >= box.minX && cx <= box.maxX && cy >= box.minY && cy <= box.maxY) putEntry<DiffEntry>(out, record.id, [record, null]);
  }
}

/**
 * Turns one step of a model run into pending proposals carrying the run's provenance (model,
 * version, hash, run, threshold, score; no authors yet). One diff, O(drafts) (plus the outlines of
 * the covered region on a slide), so it is one undo step however many proposals it brings.
 */
export const addProposals: Command<'proposal/addMany'> = {
  name: 'proposal/addMany',
  run(ctx, doc, { run, drafts, covered, replaces }) {
    if (!Array.isArray(drafts)) throw new CommandError('proposal/addMany', 'drafts must be an array');
    if (!run || typeof run.modelId !== 'string' || typeof run.runId !== 'string') throw new CommandError('proposal/addMany', 'a run needs a model id and a run id');
    for (const draft of drafts) requireDraft(ctx, draft);
    const out: Record<string, DiffEntry> = {};
    if (covered) withdrawCovered(doc, run, covered, out);
    for (const id of replaces ?? []) {
      const record = doc.get(id);
      // Only the model's own undecided proposal: an outline a person accepted or edited meanwhile stays.
      if (record && ownPending(record, run)) putEntry<DiffEntry>(out, id, [record, null]);
    }
    for (const draft of drafts) {
      if (draft.type === 'label') {
        labelProposal(ctx, doc, run, draft, out);
        continue;
      }
      const id = ctx.newId();
      const shape: Shape = { type: 'shape', id, questionId: draft.questionId, targetId: draft.targetId, classCode: draft.classCode, geometry: draft.geometry, provenance: proposalProvenance(ctx, run, draft.score) };
      putEntry<DiffEntry>(out, id, [null, checkRecord('proposal/addMany', ctx, shape)]);
    }
    return out;
  },
};
