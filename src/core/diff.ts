import type { AnnotationDocument, AnnotationRecord } from './annotation';
import { jsonEqual } from './jsonEqual';

/**
 * A change to a document as whole records: per record id, the record before and after
 * (null = absent). Commands return diffs; undo, redo, sync and remote updates replay them.
 */
export type RecordDiff = Readonly<
  Record<string, readonly [before: AnnotationRecord | null, after: AnnotationRecord | null]>
>;

export const EMPTY_DIFF: RecordDiff = Object.freeze({});

type Entry = readonly [AnnotationRecord | null, AnnotationRecord | null];
type MutableDiff = Record<string, Entry>;

/** Defines an own property even for ids like `__proto__`, which plain assignment would not. */
function put<V>(target: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function isEmptyDiff(diff: RecordDiff): boolean {
  for (const _ in diff) return false;
  return true;
}

/** Records equal as data, so a network copy of a record matches the local one. */
export function sameRecord(a: AnnotationRecord | null | undefined, b: AnnotationRecord | null | undefined): boolean {
  return jsonEqual(a ?? null, b ?? null);
}

/**
 * The document with `after` of every entry in place. Unchanged records keep their identity, and an
 * empty diff returns the same document, so views can skip work by reference.
 */
export function applyDiff(doc: AnnotationDocument, diff: RecordDiff): AnnotationDocument {
  if (isEmptyDiff(diff)) return doc;
  const records: Record<string, AnnotationRecord> = { ...doc.records };
  for (const [id, [, after]] of Object.entries(diff)) {
    if (after === null) delete records[id];
    else put(records, id, after);
  }
  return { ...doc, records };
}

/** The diff that undoes `diff`. */
export function invertDiff(diff: RecordDiff): RecordDiff {
  const out: MutableDiff = {};
  for (const [id, [before, after]] of Object.entries(diff)) put<Entry>(out, id, [after, before]);
  return out;
}

/** `a` then `b` as one diff (a squashed undo step); entries that end where they began are dropped. */
export function composeDiffs(a: RecordDiff, b: RecordDiff): RecordDiff {
  const out: MutableDiff = {};
  for (const [id, entry] of Object.entries(a)) put(out, id, entry);
  for (const [id, [before, after]] of Object.entries(b)) {
    const first = Object.hasOwn(a, id) ? a[id]![0] : before;
    put<Entry>(out, id, [first, after]);
  }
  for (const [id, [before, after]] of Object.entries(out)) {
    if (sameRecord(before, after)) delete out[id];
  }
  return out;
}

/** Record-wise difference from `a` to `b` (null = no document), e.g. to take in a server copy. */
export function diffDocuments(a: AnnotationDocument | null, b: AnnotationDocument | null): RecordDiff {
  const before = a?.records ?? {};
  const after = b?.records ?? {};
  const out: MutableDiff = {};
  for (const [id, record] of Object.entries(before)) {
    const next = Object.hasOwn(after, id) ? after[id]! : null;
    if (next !== record && !sameRecord(record, next)) put<Entry>(out, id, [record, next]);
  }
  for (const [id, record] of Object.entries(after)) {
    if (!Object.hasOwn(before, id)) put<Entry>(out, id, [null, record]);
  }
  return out;
}
