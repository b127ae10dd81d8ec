import { describe, expect, it } from 'vitest';
import type { AnnotationRecord } from './annotation';
import { composeDiffs, EMPTY_DIFF, invertDiff, isEmptyDiff, putEntry, sameRecord, type RecordDiff } from './diff';
import { RecordStore } from './recordStore';
import { DOC_KEY, labelRecord, shapeRecord } from './testing/records';

const a1 = labelRecord('s1', ['sah.absent']);
const a1p = labelRecord('s1', ['sah.present']);
const a2 = labelRecord('s2', ['sah.absent']);
const sh = shapeRecord('shape-1', 's1');

/** The records of a store after applying `diffs` to `records`, sorted by id. */
function applied(records: readonly AnnotationRecord[], ...diffs: RecordDiff[]): AnnotationRecord[] {
  const store = new RecordStore(DOC_KEY, records);
  for (const diff of diffs) store.apply(diff);
  return store.snapshot().sort((x, y) => x.id.localeCompare(y.id));
}

describe('invertDiff', () => {
  it('undoes a diff', () => {
    const diff: RecordDiff = { 'label:sah:s1': [a1, a1p], 'label:sah:s2': [a2, null], 'shape-1': [null, sh] };
    expect(invertDiff(diff)).toEqual({ 'label:sah:s1': [a1p, a1], 'label:sah:s2': [null, a2], 'shape-1': [sh, null] });
    expect(applied([a1, a2], diff, invertDiff(diff))).toEqual([a1, a2]);
    expect(invertDiff(invertDiff(diff))).toEqual(diff);
  });

  it('keeps an id like __proto__ as a plain own entry', () => {
    const evil = { ...sh, id: '__proto__' };
    const diff = JSON.parse(`{"__proto__":[null,${JSON.stringify(evil)}]}`) as RecordDiff;
    const inverted = invertDiff(diff);
    expect(Object.hasOwn(inverted, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(inverted)).toBe(Object.prototype);
    expect(inverted['__proto__']).toEqual([evil, null]);
  });
});

describe('composeDiffs', () => {
  it('keeps the first before and the last after of a record changed twice', () => {
    const a1u = labelRecord('s1', ['sah.uncertain']);
    expect(composeDiffs({ 'label:sah:s1': [a1, a1p] }, { 'label:sah:s1': [a1p, a1u] })).toEqual({ 'label:sah:s1': [a1, a1u] });
  });

  it('drops entries that end where they began', () => {
    expect(composeDiffs({ 'label:sah:s1': [a1, a1p] }, { 'label:sah:s1': [a1p, a1] })).toEqual({});
    expect(composeDiffs({ 'shape-1': [null, sh] }, { 'shape-1': [sh, null] })).toEqual({});
    // Equal as data counts as unchanged even when the objects differ.
    expect(composeDiffs({ 'label:sah:s1': [a1, a1p] }, { 'label:sah:s1': [a1p, structuredClone(a1)] })).toEqual({});
  });

  it('keeps entries touched by only one side', () => {
    const c = composeDiffs({ 'label:sah:s1': [a1, a1p] }, { 'shape-1': [null, sh] });
    expect(c).toEqual({ 'label:sah:s1': [a1, a1p], 'shape-1': [null, sh] });
  });

  it('applying the composition equals applying both in turn', () => {
    const d1: RecordDiff = { 'label:sah:s1': [a1, a1p], 'shape-1': [null, sh] };
    const moved = shapeRecord('shape-1', 's1', { type: 'point', point: [9, 9] });
    const d2: RecordDiff = { 'shape-1': [sh, moved], 'label:sah:s2': [a2, null] };
    expect(applied([a1, a2], composeDiffs(d1, d2))).toEqual(applied([a1, a2], d1, d2));
    expect(applied([a1, a2], composeDiffs(d1, d2))).toEqual([a1p, moved]);
  });

  it('is associative', () => {
    const d1: RecordDiff = { 'label:sah:s1': [a1, a1p] };
    const d2: RecordDiff = { 'label:sah:s1': [a1p, null], 'shape-1': [null, sh] };
    const d3: RecordDiff = { 'label:sah:s1': [null, a1], 'label:sah:s2': [a2, null] };
    expect(composeDiffs(composeDiffs(d1, d2), d3)).toEqual(composeDiffs(d1, composeDiffs(d2, d3)));
    expect(composeDiffs(composeDiffs(d1, d2), d3)).toEqual({ 'shape-1': [null, sh], 'label:sah:s2': [a2, null] });
  });

  it('never mutates its inputs', () => {
    const d1 = Object.freeze({ 'label:sah:s1': Object.freeze([a1, a1p] as const) });
    const d2 = Object.freeze({ 'label:sah:s1': Object.freeze([a1p, a1] as const) });
    expect(composeDiffs(d1, d2)).toEqual({});
    expect(d1).toEqual({ 'label:sah:s1': [a1, a1p] });
  });
});

describe('isEmptyDiff', () => {
  it('tells an empty diff', () => {
    expect(isEmptyDiff({})).toBe(true);
    expect(isEmptyDiff(EMPTY_DIFF)).toBe(true);
    expect(isEmptyDiff({ x: [null, sh] })).toBe(false);
  });

  it('EMPTY_DIFF is frozen', () => {
    expect(Object.isFrozen(EMPTY_DIFF)).toBe(true);
  });
});

describe('sameRecord', () => {
  it('compares as data, with null and undefined as absent', () => {
    expect(sameRecord(a1, structuredClone(a1))).toBe(true);
    expect(sameRecord(a1, a1p)).toBe(false);
    expect(sameRecord(null, undefined)).toBe(true);
    expect(sameRecord(a1, null)).toBe(false);
  });
});

describe('putEntry', () => {
  it('defines own, enumerable entries even for __proto__', () => {
    const out: Record<string, number> = {};
    putEntry(out, '__proto__', 1);
    putEntry(out, 'x', 2);
    putEntry(out, 'x', 3);
    expect(Object.keys(out)).toEqual(['__proto__', 'x']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.x).toBe(3);
  });
});
