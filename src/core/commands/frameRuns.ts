/**
 * Tags on a per-frame question (`frame` target, one class or a grade) as runs: a contiguous run
 * of ≥ 2 frames becomes ONE label with `targetId` = its first frame and `endTargetId` = its last
 * (in the item's frame order), so tagging 5,000 selected frames writes, saves and syncs one
 * record per run, not one per frame.
 *
 * At most one live answer covers a frame per question: a new tag (or a clear) over part of an
 * existing range splits it: the old record keeps its id and shrinks to its first remainder, a
 * second remainder (a tag in the middle) is a new record, a range covered whole is removed. An
 * edit therefore writes O(runs + records it meets) records, whatever the length of the runs;
 * undo replays that diff backwards. Single-frame labels inside a run are folded in: a person's
 * is removed, a model's proposal with another answer is rejected (kept, so acceptance can be
 * measured), one with the same answer is accepted and left to answer its frame, the run going
 * around it. Adjacent runs of one class are not merged: each tag is its own record.
 *
 * Multiple-choice questions (a class toggled per frame) and `image` questions (fundus photos:
 * each photo is its own eye and visit, so neighbours in import order share nothing) keep one
 * label per target.
 */
import type { DocumentView, TargetLabel } from '../annotation';
import type { DiffEntry, RecordDiff } from '../diff';
import { putEntry } from '../diff';
import type { Question } from '../labelSet';
import { targetLabelId } from '../recordIds';
import { labelAt } from '../targetLabels';
import { checkRecord, decided, humanCreated, humanUpdated, type CommandContext, type CommandName } from './types';

/** A stretch of frames, first and last inclusive (indices in the item's order). */
export interface FrameRun {
  readonly first: number;
  readonly last: number;
}

/** Whether tags of `question` are stored as runs on this document. */
export function tagsAsRuns(question: Question, doc: DocumentView): boolean {
  return question.target === 'frame' && question.kind !== 'multiple' && doc.rangesIn !== undefined;
}

/** Frame indices (any order, repeats allowed) as maximal contiguous runs, ascending. */
export function runsOf(frames: readonly number[]): FrameRun[] {
  const sorted = [...new Set(frames)].sort((a, b) => a - b);
  const runs: FrameRun[] = [];
  for (const frame of sorted) {
    const run = runs[runs.length - 1];
    if (run && run.last === frame - 1) runs[runs.length - 1] = { first: run.first, last: frame };
    else runs.push({ first: frame, last: frame });
  }
  return runs;
}

/** Parts of `span` outside every run (runs ascending, disjoint). */
function remainders(span: FrameRun, runs: readonly FrameRun[]): FrameRun[] {
  const out: FrameRun[] = [];
  let from = span.first;
  for (const run of runs) {
    if (run.last < from || run.first > span.last) continue;
    if (run.first > from) out.push({ first: from, last: run.first - 1 });
    from = Math.max(from, run.last + 1);
  }
  if (from <= span.last) out.push({ first: from, last: span.last });
  return out;
}

const sameCodes = (label: TargetLabel, codes: readonly string[]) => label.classCodes.length === codes.length && codes.every((c) => label.classCodes.includes(c));

interface Painter {
  readonly command: CommandName;
  readonly ctx: CommandContext;
  readonly doc: DocumentView;
  readonly question: Question;
  readonly out: Record<string, DiffEntry>;
}

function targetAt(p: Painter, frame: number): string {
  return p.ctx.targets.order[frame] as string;
}

/** A label over `run`: a range record, or the frame's own label for a run of one. */
function labelOver(p: Painter, run: FrameRun, codes: readonly string[], provenance: TargetLabel['provenance']): TargetLabel {
  const targetId = targetAt(p, run.first);
  if (run.first === run.last) {
    const shared = targetLabelId(p.question.id, targetId);
    const id = p.doc.get(shared) || Object.hasOwn(p.out, shared) ? `${shared}:${p.ctx.newId()}` : shared;
    return { type: 'label', id, questionId: p.question.id, targetId, classCodes: codes, provenance };
  }
  const id = `range:${p.question.id}:${p.ctx.newId()}`;
  return { type: 'label', id, questionId: p.question.id, targetId, endTargetId: targetAt(p, run.last), classCodes: codes, provenance };
}

/** Shrinks, splits or removes each range the runs meet, so the runs are free. */
function cutRanges(p: Painter, runs: readonly FrameRun[]): void {
  const met = new Map<string, TargetLabel>();
  for (const run of runs) for (const range of p.doc.rangesIn?.(p.question.id, run.first, run.last) ?? []) met.set(range.id, range);
  for (const range of met.values()) {
    const first = p.ctx.targets.indexOf(range.targetId) as number;
    const last = p.ctx.targets.indexOf(range.endTargetId as string) as number;
    const [kept, ...rest] = remainders({ first, last }, runs);
    const provenance = humanUpdated(p.ctx, range.provenance);
    if (!kept) {
      putEntry<DiffEntry>(p.out, range.id, [range, null]);
      continue;
    }
    const shrunk = labelOver(p, kept, range.classCodes, provenance);
    putEntry<DiffEntry>(p.out, range.id, [range, checkRecord(p.command, p.ctx, { ...shrunk, id: range.id })]);
    for (const piece of rest) {
      const split = checkRecord(p.command, p.ctx, labelOver(p, piece, range.classCodes, provenance));
      putEntry<DiffEntry>(p.out, split.id, [null, split]);
    }
  }
}

/**
 * Takes the frames' own labels out of the way of `codes` (none: a clear); answers the frames a
 * model's proposal with the same answer keeps.
 */
function foldSingles(p: Painter, run: FrameRun, codes: readonly string[]): number[] {
  const kept: number[] = [];
  for (let frame = run.first; frame <= run.last; frame += 1) {
    const own = labelAt(p.doc, p.question.id, targetAt(p, frame));
    if (!own || own.endTargetId !== undefined) continue;
    if (own.provenance.origin.kind !== 'model') putEntry<DiffEntry>(p.out, own.id, [own, null]);
    else if (codes.length > 0 && sameCodes(own, codes)) {
      kept.push(frame);
      if (own.provenance.decision === 'pending') putEntry<DiffEntry>(p.out, own.id, [own, { ...own, provenance: decided(p.ctx, own.provenance, 'accepted') }]);
    } else putEntry<DiffEntry>(p.out, own.id, [own, { ...own, provenance: decided(p.ctx, own.provenance, 'rejected') }]);
  }
  return kept;
}

/** Whether the run already carries exactly this settled answer from one record (nothing to do). */
function alreadyAnswered(p: Painter, run: FrameRun, codes: readonly string[]): boolean {
  const first = labelAt(p.doc, p.question.id, targetAt(p, run.first));
  if (!first || !sameCodes(first, codes) || first.provenance.decision === 'pending') return false;
  if (first.endTargetId === undefined) return run.first === run.last;
  return (p.ctx.targets.indexOf(first.endTargetId) ?? -1) >= run.last;
}

/** A frame's own label given `codes`: a proposal with that answer accepted, any other changed (a proposal so counts as edited). */
function changeInPlace(p: Painter, own: TargetLabel, codes: readonly string[]): void {
  if (!sameCodes(own, codes)) {
    putEntry<DiffEntry>(p.out, own.id, [own, checkRecord(p.command, p.ctx, { ...own, classCodes: codes, provenance: humanUpdated(p.ctx, own.provenance) })]);
  } else if (own.provenance.decision === 'pending') {
    putEntry<DiffEntry>(p.out, own.id, [own, { ...own, provenance: decided(p.ctx, own.provenance, 'accepted') }]);
  }
}

/**
 * Gives the frames of `runs` exactly `codes` (none: clears them) on a question `tagsAsRuns`
 * accepts. A run of one frame with a label of its own has it changed in place, as a per-target
 * tag always did, so frame-by-frame work keeps its records' ids and proposals count as edited.
 */
export function paintRuns(command: CommandName, ctx: CommandContext, doc: DocumentView, question: Question, frames: readonly number[], codes: readonly string[]): RecordDiff {
  const p: Painter = { command, ctx, doc, question, out: {} };
  const runs = runsOf(frames).filter((run) => codes.length === 0 || !alreadyAnswered(p, run, codes));
  cutRanges(p, runs);
  for (const run of runs) {
    const own = run.first === run.last ? labelAt(doc, question.id, targetAt(p, run.first)) : undefined;
    if (own && own.endTargetId === undefined && codes.length > 0) {
      changeInPlace(p, own, codes);
      continue;
    }
    const kept = foldSingles(p, run, codes);
    if (codes.length === 0) continue;
    for (const piece of remainders(run, runsOf(kept))) {
      const created = checkRecord(command, ctx, labelOver(p, piece, codes, humanCreated(ctx)));
      putEntry<DiffEntry>(p.out, created.id, [null, created]);
    }
  }
  return p.out;
}
