import { describe, expect, it } from 'vitest';
import type { AnnotationRecord } from './annotation';
import { applyDiff, composeDiffs, diffDocuments, EMPTY_DIFF, invertDiff, isEmptyDiff, sameRecord, type RecordDiff } from './diff';
import { documentOf, labelRecord, shapeRecord } from './testing/records';

const a1 = labelRecord('s1', ['sah.absent']);
const a1p = labelRecord('s1', ['sah.present']);
const a2 = labelRecord('s2', ['sah.absent']);
const sh = shapeRecord('shape-1', 's1');
const base = documentOf([a1, a2]);

describe('applyDiff', () => {
  it('adds, replaces and removes records', () => {
    const next = applyDiff(base, { 'label:s1': [a1, a1p], 'label:s2': [a2, null], 'shape-1': [null, sh] });
    expect(next.records).toEqual({ 'label:s1': a1p, 'shape-1': sh });
    expect(next.itemId).toBe(base.itemId);
  });

  it('never mutates the input document', () => {
    const frozen = Object.freeze({ ...base, records: Object.freeze({ ...base.records }) });
    const next = applyDiff(frozen, { 'label:s2': [a2, null] });
    expect(Object.keys(frozen.records)).toEqual(['label:s1', 'label:s2']);
    expect(Object.keys(next.records)).toEqual(['label:s1']);
  });

  it('shares unchanged records and returns the same document for an empty diff', () => {
    const next = applyDiff(base, { 'label:s2': [a2, null] });
    expect(next.records['label:s1']).toBe(a1);
    expect(applyDiff(base, EMPTY_DIFF)).toBe(base);
    expect(applyDiff(base, {})).toBe(base);
  });

  it('stores an id like __proto__ as a plain own record', () => {
    const evil = { ...sh, id: '__proto__' };
    const next = applyDiff(base, JSON.parse(`{"__proto__":[null,${JSON.stringify(evil)}]}`) as RecordDiff);
    expect(Object.hasOwn(next.records, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(next.records)).toBe(Object.prototype);
    expect(Object.keys(next.records)).toContain('__proto__');
  });
});

describe('invertDiff', () => {
  it('undoes a diff', () => {
    const diff: RecordDiff = { 'label:s1': [a1, a1p], 'label:s2': [a2, null], 'shape-1': [null, sh] };
    const next = applyDiff(base, diff);
    expect(applyDiff(next, invertDiff(diff))).toEqual(base);
    expect(invertDiff(invertDiff(diff))).toEqual(diff);
  });
});

describe('composeDiffs', () => {
  it('keeps the first before and the last after of a record changed twice', () => {
    const a1u = labelRecord('s1', ['sah.uncertain']);
    expect(composeDiffs({ 'label:s1': [a1, a1p] }, { 'label:s1': [a1p, a1u] })).toEqual({ 'label:s1': [a1, a1u] });
  });

  it('drops entries that end where they began', () => {
    expect(composeDiffs({ 'label:s1': [a1, a1p] }, { 'label:s1': [a1p, a1] })).toEqual({});
    expect(composeDiffs({ 'shape-1': [null, sh] }, { 'shape-1': [sh, null] })).toEqual({});
    // Equal as data counts as unchanged even when the objects differ.
    expect(composeDiffs({ 'label:s1': [a1, a1p] }, { 'label:s1': [a1p, structuredClone(a1)] })).toEqual({});
  });

  it('keeps entries touched by only one side', () => {
    const c = composeDiffs({ 'label:s1': [a1, a1p] }, { 'shape-1': [null, sh] });
    expect(c).toEqual({ 'label:s1': [a1, a1p], 'shape-1': [null, sh] });
  });

  it('applying the composition equals applying both in turn', () => {
    const d1: RecordDiff = { 'label:s1': [a1, a1p], 'shape-1': [null, sh] };
    const moved = shapeRecord('shape-1', 's1', { type: 'point', point: [9, 9] });
    const d2: RecordDiff = { 'shape-1': [sh, moved], 'label:s2': [a2, null] };
    expect(applyDiff(base, composeDiffs(d1, d2))).toEqual(applyDiff(applyDiff(base, d1), d2));
  });

  it('is associative', () => {
    const d1: RecordDiff = { 'label:s1': [a1, a1p] };
    const d2: RecordDiff = { 'label:s1': [a1p, null], 'shape-1': [null, sh] };
    const d3: RecordDiff = { 'label:s1': [null, a1], 'label:s2': [a2, null] };
    expect(composeDiffs(composeDiffs(d1, d2), d3)).toEqual(composeDiffs(d1, composeDiffs(d2, d3)));
    expect(composeDiffs(composeDiffs(d1, d2), d3)).toEqual({ 'shape-1': [null, sh], 'label:s2': [a2, null] });
  });
});

describe('isEmptyDiff', () => {
  it('is true only without entries', () => {
    expect(isEmptyDiff({})).toBe(true);
    expect(isEmptyDiff(EMPTY_DIFF)).toBe(true);
    expect(isEmptyDiff({ x: [null, sh] })).toBe(false);
  });
});

describe('diffDocuments', () => {
  it('lists added, changed and removed records only', () => {
    const next = documentOf([a1p, sh]);
    expect(diffDocuments(base, next)).toEqual({ 'label:s1': [a1, a1p], 'label:s2': [a2, null], 'shape-1': [null, sh] });
  });

  it('sees a JSON copy of the same document as unchanged', () => {
    expect(diffDocuments(base, JSON.parse(JSON.stringify(base)) as typeof base)).toEqual({});
  });

  it('treats a missing document as empty', () => {
    expect(diffDocuments(null, base)).toEqual({ 'label:s1': [null, a1], 'label:s2': [null, a2] });
    expect(diffDocuments(base, null)).toEqual({ 'label:s1': [a1, null], 'label:s2': [a2, null] });
    expect(diffDocuments(null, null)).toEqual({});
  });

  it('applying the diff of a→b to a gives b (random documents)', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const codes = ['sah.present', 'sah.absent', 'sah.uncertain'];
    const randomDoc = () => {
      const records: AnnotationRecord[] = [];
      for (let i = 0; i < 30; i++) if (rand(2)) records.push(labelRecord(`s${i}`, [codes[rand(3)]!]));
      return documentOf(records);
    };
    for (let round = 0; round < 20; round++) {
      const a = randomDoc();
      const b = randomDoc();
      const d = diffDocuments(a, b);
      expect(applyDiff(a, d)).toEqual(b);
      expect(applyDiff(b, invertDiff(d))).toEqual(a);
      for (const [before, after] of Object.values(d)) expect(sameRecord(before, after)).toBe(false);
    }
  });
});
