import type { AnnotationRecord } from './annotation';
import { jsonEqual } from './jsonEqual';

/**
 * A change to a document as whole records: per record id, the record before and after
 * (null = absent). Commands return diffs; the store applies them, undo and redo replay them, and
 * sync turns them into record operations. Every function here costs O(diff), never O(document).
 */
export type RecordDiff = Readonly<
  Record<string, readonly [before: AnnotationRecord | null, after: AnnotationRecord | null]>
>;

export type DiffEntry = readonly [AnnotationRecord | null, AnnotationRecord | null];

export const EMPTY_DIFF: RecordDiff = Object.freeze({});

type MutableDiff = Record<string, DiffEntry>;

/** Defines an own property even for ids like `__proto__`, which plain assignment would not. */
export function putEntry<V>(target: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function isEmptyDiff(diff: RecordDiff): boolean {
  for (const _ in diff) return false;
  return true;
}

/** Records equal as data, so a network copy of a record matches the local one. */
export function sameRecord(a: AnnotationRecord | null | undefined, b: AnnotationRecord | null | undefined): boolean {
  return a === b || jsonEqual(a ?? null, b ?? null);
}

/** The diff that undoes `diff`. */
export function invertDiff(diff: RecordDiff): RecordDiff {
  const out: MutableDiff = {};
  for (const [id, [before, after]] of Object.entries(diff)) putEntry<DiffEntry>(out, id, [after, before]);
  return out;
}

/** `a` then `b` as one diff (a squashed undo step); entries that end where they began are dropped. */
export function composeDiffs(a: RecordDiff, b: RecordDiff): RecordDiff {
  const out: MutableDiff = {};
  for (const [id, entry] of Object.entries(a)) putEntry(out, id, entry);
  for (const [id, [before, after]] of Object.entries(b)) {
    const first = Object.hasOwn(a, id) ? a[id]![0] : before;
    putEntry<DiffEntry>(out, id, [first, after]);
  }
  for (const [id, [before, after]] of Object.entries(out)) {
    if (sameRecord(before, after)) delete out[id];
  }
  return out;
}
