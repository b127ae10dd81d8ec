/**
 * The server owns authorship: a client may only say what the caller did. Checked per put against
 * the server's current copy of the record (null when it never existed or is a tombstone), after
 * the base versions matched, so the client saw that same copy.
 */
import type { AnnotationRecord, Provenance } from '../../../src/core/annotation';
import { jsonEqual } from '../../../src/core/jsonEqual';

const list = (ids: readonly string[]): string => JSON.stringify(ids);

function newRecordProblem(next: Provenance, caller: string): string | null {
  if (next.origin.kind === 'model') {
    if (next.decision !== 'pending' || next.authors.length > 0) {
      return 'a new model proposal is written pending with no authors; accept or edit it in a later batch';
    }
    return null;
  }
  if (next.authors.length !== 1 || next.authors[0] !== caller) {
    return `a new record by you names its authors ${list(next.authors)}; it must be exactly ${list([caller])}`;
  }
  return null;
}

function changedRecordProblem(previous: Provenance, next: Provenance, caller: string): string | null {
  if (!jsonEqual(previous.origin, next.origin)) return 'the origin of a record cannot change (a model proposal stays one; human work cannot claim a model)';
  if (previous.createdAt !== next.createdAt) return `createdAt cannot change (stored ${previous.createdAt})`;
  const kept = previous.authors.length <= next.authors.length && previous.authors.every((author, i) => next.authors[i] === author);
  const added = next.authors.slice(previous.authors.length);
  const addsOnlyCaller = added.length === 0 || (added.length === 1 && added[0] === caller && !previous.authors.includes(caller));
  if (!kept || !addsOnlyCaller) {
    return `authors ${list(next.authors)} must be the stored ${list(previous.authors)}, or those followed by you (${caller})`;
  }
  const decisionChanged = previous.decision !== next.decision || previous.decidedBy !== next.decidedBy;
  if (decisionChanged && next.decision !== 'pending' && next.decidedBy !== caller) {
    return `a decision on a proposal is taken by the caller: decidedBy must be ${JSON.stringify(caller)}`;
  }
  return null;
}

/** Why `next` may not be written by `caller` over `previous`, or null when it may. */
export function authorshipProblem(previous: AnnotationRecord | null, next: AnnotationRecord, caller: string): string | null {
  return previous ? changedRecordProblem(previous.provenance, next.provenance, caller) : newRecordProblem(next.provenance, caller);
}
