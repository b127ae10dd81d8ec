/**
 * The server owns authorship: a client may only say what the caller did. Checked per put against
 * the server's current copy of the record (null when it never existed or is a tombstone), after
 * the base versions matched, so the client saw that same copy.
 */
import type { Provenance } from '../../../src/core/annotation';
import { jsonEqual } from '../../../src/core/jsonEqual';

const list = (ids: readonly string[]): string => JSON.stringify(ids);

/** A decision, when there is one, is the caller's own. */
function decisionProblem(next: Provenance, caller: string): string | null {
  if (next.decision === 'pending' || next.decision === undefined) return null;
  return next.decidedBy === caller ? null : `a decision on a proposal is taken by the caller: decidedBy must be ${JSON.stringify(caller)}`;
}

function newRecordProblem(next: Provenance, caller: string): string | null {
  if (next.origin.kind === 'model') {
    // The caller's client ran the model; the caller may have accepted or edited the proposal
    // before it first reached the server (one coalesced put), but nobody else can be named.
    if (next.authors.some((author) => author !== caller)) return `a new proposal names authors ${list(next.authors)}; only you (${caller}) can be one`;
    return decisionProblem(next, caller);
  }
  if (next.authors.length !== 1 || next.authors[0] !== caller) {
    return `a new record by you names its authors ${list(next.authors)}; it must be exactly ${list([caller])}`;
  }
  return null;
}

/**
 * A new run of the same model replacing its own proposal nobody has decided on yet: the proposal is
 * the new run's (its run, score and time), as re-running a model on a series does.
 */
function isRerun(previous: Provenance, next: Provenance): boolean {
  const [before, after] = [previous.origin, next.origin];
  return previous.decision === 'pending' && before.kind === 'model' && after.kind === 'model' && after.modelId === before.modelId && after.runId !== before.runId;
}

/**
 * The caller's own record deleted and made again (same id: one label per frame and question) before
 * the deletion reached the server: the client's outbox sends the two as one put, whose createdAt is
 * the new record's, later than the stored one. Never earlier: that would forge an older record.
 */
function isRemadeByCaller(previous: Provenance, next: Provenance, caller: string): boolean {
  return next.origin.kind === 'human' && next.createdAt > previous.createdAt && next.authors.length === 1 && next.authors[0] === caller;
}

function changedRecordProblem(previous: Provenance, next: Provenance, caller: string): string | null {
  const rerun = isRerun(previous, next);
  if (!rerun && !jsonEqual(previous.origin, next.origin)) return 'the origin of a record cannot change (a model proposal stays one; human work cannot claim a model)';
  if (!rerun && previous.createdAt !== next.createdAt && !isRemadeByCaller(previous, next, caller)) return `createdAt cannot change to an earlier time (stored ${previous.createdAt})`;
  if (!allowedAuthors(previous.authors, next.authors, caller)) {
    return `authors ${list(next.authors)} must be the stored ${list(previous.authors)}, those followed by you (${caller}), or, undoing your own first change, those without you at the end`;
  }
  const decisionChanged = previous.decision !== next.decision || previous.decidedBy !== next.decidedBy;
  return decisionChanged ? decisionProblem(next, caller) : null;
}

/**
 * Authors never lose anyone but the caller: the caller may join at the end, or leave the end
 * again when undoing the change that made them an author (undo restores the record exactly).
 */
function allowedAuthors(previous: readonly string[], next: readonly string[], caller: string): boolean {
  if (jsonEqual(previous, next)) return true;
  if (next.length === previous.length + 1) return next[next.length - 1] === caller && !previous.includes(caller) && jsonEqual(previous, next.slice(0, -1));
  if (next.length === previous.length - 1) return previous[previous.length - 1] === caller && jsonEqual(next, previous.slice(0, -1));
  return false;
}

/** Why a record with provenance `next` may not be written by `caller` over `previous`, or null when it may. */
export function authorshipProblem(previous: Provenance | null, next: Provenance, caller: string): string | null {
  return previous ? changedRecordProblem(previous, next, caller) : newRecordProblem(next, caller);
}
