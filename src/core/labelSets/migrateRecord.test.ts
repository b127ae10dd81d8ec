import { describe, expect, it } from 'vitest';
import type { AnnotationRecord, Provenance, Shape, TargetLabel } from '../annotation';
import { keyedMappingProblems, migrateRecord, recordClasses, withClasses } from './migrateRecord';
import type { LabelSetMapping } from './migrationPlan';

const provenance: Provenance = { origin: { kind: 'human' }, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', authors: ['ann'] };
const label = (questionId: string, classCodes: readonly string[]): TargetLabel => ({ id: 'r1', type: 'label', questionId, targetId: 't1', classCodes, provenance });
const box: Shape = { id: 'r2', type: 'shape', questionId: 'lesions', targetId: 't1', classCode: 'polyp', geometry: { type: 'rectangle', topLeft: [1, 2], bottomRight: [3, 4] }, provenance };

const MAPPING: LabelSetMapping = {
  dr: { to: 'dr', classes: { 'dr.0': 'dr.0', 'dr.1': 'dr.mm', 'dr.2': 'dr.mm', 'dr.3': 'dr.severe' } },
  amd: { to: 'amd', classes: { early: null, late: 'late' } },
  findings: { to: 'signs', classes: { x: 'x', y: 'x' } },
  lesions: { to: 'lesions', classes: { polyp: 'adenoma' } },
};

describe('migrateRecord', () => {
  it('leaves a record whose class keeps its code (a renamed class) as it is', () => {
    const record = label('dr', ['dr.0']);
    expect(migrateRecord(record, MAPPING)).toEqual({ record, changed: false, forReview: false, rekeyed: false });
  });

  it('recodes a class, and merges two into one', () => {
    expect(migrateRecord(label('dr', ['dr.3']), MAPPING)).toEqual({ record: label('dr', ['dr.severe']), changed: true, forReview: false, rekeyed: false });
    expect(migrateRecord(label('dr', ['dr.1']), MAPPING).record).toEqual(label('dr', ['dr.mm']));
    expect(migrateRecord(label('dr', ['dr.2']), MAPPING).record).toEqual(label('dr', ['dr.mm']));
  });

  it('moves a record to its new question and keeps a merged class once on a multiple-choice label', () => {
    expect(migrateRecord(label('findings', ['x', 'y']), MAPPING)).toEqual({ record: label('signs', ['x']), changed: true, forReview: false, rekeyed: false });
  });

  it('keeps a removed class on the record and flags it for review, never dropping it', () => {
    const record = label('amd', ['early']);
    expect(migrateRecord(record, MAPPING)).toEqual({ record, changed: false, forReview: true, rekeyed: false });
    expect(migrateRecord(label('amd', ['early', 'late']), MAPPING)).toEqual({ record: label('amd', ['early', 'late']), changed: false, forReview: true, rekeyed: false });
  });

  it("recodes a shape's class and keeps its geometry", () => {
    const migrated = migrateRecord(box, MAPPING);
    expect(migrated.changed).toBe(true);
    expect(migrated.record).toEqual({ ...box, classCode: 'adenoma' });
  });

  it('marks a mask that changes class, whose id names its class', () => {
    const mask: AnnotationRecord = { id: 'mask:lesions:t1:polyp', type: 'mask', questionId: 'lesions', targetId: 't1', classCode: 'polyp', width: 2, height: 1, runs: [0, 2], provenance };
    expect(migrateRecord(mask, MAPPING).rekeyed).toBe(true);
  });

  it('names each question a mapping moves to another id, whose records are keyed by it', () => {
    expect(keyedMappingProblems(MAPPING)).toEqual(['question "findings" cannot become "signs": its records are keyed by their question, so keep the question\'s id in the new version']);
  });

  it('leaves a record of a question the mapping does not name alone', () => {
    const record = label('gradable', ['yes']);
    expect(migrateRecord(record, MAPPING)).toEqual({ record, changed: false, forReview: false, rekeyed: false });
  });

  it('restores what a record answered before, keeping what changed since', () => {
    const before: AnnotationRecord = label('findings', ['x', 'y']);
    const after = migrateRecord(before, MAPPING).record;
    const editedSince = { ...after, endTargetId: 't9' };
    expect(withClasses(editedSince, recordClasses(before))).toEqual({ ...before, endTargetId: 't9' });
    expect(withClasses(migrateRecord(box, MAPPING).record, recordClasses(box))).toEqual(box);
  });
});
