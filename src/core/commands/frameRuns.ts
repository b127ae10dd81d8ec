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
 * around it. A new run joins a person's label of the same answer that ends just before it or
 * starts just after it: tagging frames 1–10 then 11–20 with one class leaves one record 1–20 (a
 * range neighbour grows and keeps its id; a single-frame one is folded into the run). That costs
 * at most two neighbours per run, and undo restores them.
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

/** A live label of the question and the frames it spans. */
interface Placed extends FrameRun {
  readonly label: TargetLabel;
}

interface Painter {
  readonly command: CommandName;
  readonly ctx: CommandContext;
  readonly doc: DocumentView;
  readonly question: Question;
  readonly out: Record<string, DiffEntry>;
  /** Labels this edit has written so far, by their last and by their first frame (the neighbours a run may join). */
  readonly endingAt: Map<number, Placed>;
  readonly startingAt: Map<number, Placed>;
}

/** Writes `after` for record `id`, keeping the `before` of an earlier entry of this edit (or the document's copy). */
function write(p: Painter, id: string, after: TargetLabel | null): void {
  const prior = Object.hasOwn(p.out, id) ? p.out[id] : undefined;
  const before = prior ? prior[0] : (p.doc.get(id) ?? null);
  if (before === null && after === null) delete p.out[id];
  else putEntry<DiffEntry>(p.out, id, [before, after]);
}

/** Notes a label this edit wrote over `first … last`, forgetting the span it had before (`was`). */
function track(p: Painter, placed: Placed, was?: Placed): void {
  if (was) {
    p.endingAt.delete(was.last);
    p.startingAt.delete(was.first);
  }
  p.endingAt.set(placed.last, placed);
  p.startingAt.set(placed.first, placed);
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
    const shrunk = checkRecord(p.command, p.ctx, { ...labelOver(p, kept, range.classCodes, provenance), id: range.id });
    putEntry<DiffEntry>(p.out, range.id, [range, shrunk]);
    track(p, { ...kept, label: shrunk });
    for (const piece of rest) {
      const split = checkRecord(p.command, p.ctx, labelOver(p, piece, range.classCodes, provenance));
      putEntry<DiffEntry>(p.out, split.id, [null, split]);
      track(p, { ...piece, label: split });
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
 * The label a new run of `codes` may join at `frame` (just outside the run): a person's label of
 * the same answer whose span ends (`side` 'end') or starts there, as this edit leaves it.
 */
function joinable(p: Painter, frame: number, side: 'end' | 'start', codes: readonly string[]): Placed | undefined {
  if (frame < 0 || frame >= p.ctx.targets.count) return undefined;
  let placed = (side === 'end' ? p.endingAt : p.startingAt).get(frame);
  if (!placed) {
    const label = labelAt(p.doc, p.question.id, targetAt(p, frame));
    // A label this edit rewrote is known only by what `track` noted.
    if (!label || Object.hasOwn(p.out, label.id)) return undefined;
    const first = p.ctx.targets.indexOf(label.targetId) as number;
    const last = label.endTargetId === undefined ? first : (p.ctx.targets.indexOf(label.endTargetId) as number);
    if ((side === 'end' ? last : first) !== frame) return undefined;
    placed = { first, last, label };
  }
  const { label } = placed;
  return label.provenance.origin.kind === 'human' && sameCodes(label, codes) ? placed : undefined;
}

/**
 * Writes a new run of `codes`, joined with the neighbours `joinable` finds: a range neighbour
 * grows over the run (and the other neighbour), else one new record covers them all.
 */
function placeRun(p: Painter, run: FrameRun, codes: readonly string[]): void {
  const before = joinable(p, run.first - 1, 'end', codes);
  const after = joinable(p, run.last + 1, 'start', codes);
  const span = { first: before?.first ?? run.first, last: after?.last ?? run.last };
  const host = [before, after].find((n) => n?.label.endTargetId !== undefined);
  const label: TargetLabel = host
    ? { ...host.label, targetId: targetAt(p, span.first), endTargetId: targetAt(p, span.last), classCodes: codes, provenance: humanUpdated(p.ctx, host.label.provenance) }
    : labelOver(p, span, codes, humanCreated(p.ctx));
  const joined = checkRecord(p.command, p.ctx, label);
  write(p, joined.id, joined);
  for (const neighbour of [before, after]) {
    if (neighbour && neighbour !== host) {
      write(p, neighbour.label.id, null);
      p.endingAt.delete(neighbour.last);
      p.startingAt.delete(neighbour.first);
    }
  }
  track(p, { ...span, label: joined }, host);
}

/**
 * Gives the frames of `runs` exactly `codes` (none: clears them) on a question `tagsAsRuns`
 * accepts. A run of one frame with a label of its own has it changed in place, as a per-target
 * tag always did, so frame-by-frame work keeps its records' ids and proposals count as edited.
 */
export function paintRuns(command: CommandName, ctx: CommandContext, doc: DocumentView, question: Question, frames: readonly number[], codes: readonly string[]): RecordDiff {
  const p: Painter = { command, ctx, doc, question, out: {}, endingAt: new Map(), startingAt: new Map() };
  const runs = runsOf(frames).filter((run) => codes.length === 0 || !alreadyAnswered(p, run, codes));
  cutRanges(p, runs);
  for (const run of runs) {
    const own = run.first === run.last ? labelAt(doc, question.id, targetAt(p, run.first)) : undefined;
    if (own && own.endTargetId === undefined && codes.length > 0) {
      // A person's answer that now matches a neighbour's is folded into it instead.
      const joins = own.provenance.origin.kind === 'human' && (joinable(p, run.first - 1, 'end', codes) || joinable(p, run.last + 1, 'start', codes));
      if (!joins) {
        changeInPlace(p, own, codes);
        continue;
      }
      write(p, own.id, null);
    }
    const kept = foldSingles(p, run, codes);
    if (codes.length === 0) continue;
    for (const piece of remainders(run, runsOf(kept))) placeRun(p, piece, codes);
  }
  return p.out;
}
