import { describe, expect, it } from 'vitest';
import { readerDifferences, readingsOfItem } from '../agreement';
import type { AnnotationRecord } from '../annotation';
import { GASTRIC_BIOPSY_LABEL_SET, SAH_SLICE_LABEL_SET } from '../labelSets/builtin';
import type { LabelSet } from '../labelSet';
import { humanProvenance, labelRecord, shapeRecord } from '../testing/records';
import { buildConsensus, type ReaderWork } from './buildConsensus';
import type { ConsensusDecision, DecidedUnit } from './decision';

const AT = '2026-11-30T10:00:00.000Z';
const SLICES = { itemId: 'ct-1', targetIds: ['s1', 's2', 's3'] };
const work = (readerId: string, records: readonly AnnotationRecord[], version = 1): ReaderWork => ({ readerId, records: records.map((record) => ({ version, record })) });
const decided = (targetKey: string, decision: ConsensusDecision, version = 1, questionId = 'sah'): DecidedUnit => ({ questionId, targetKey, decision, version, decidedBy: 'lead', decidedAt: AT });

function settle(labelSet: LabelSet, item: typeof SLICES, readers: readonly ReaderWork[], decisions: readonly DecidedUnit[]) {
  const documents = readers.map((r) => ({ readerId: r.readerId, records: r.records.map((v) => v.record), submittedAt: AT }));
  const differing = readerDifferences(readingsOfItem(labelSet, item, documents), readers.map((r) => r.readerId));
  return buildConsensus(labelSet, item, readers, differing, decisions);
}

describe('buildConsensus', () => {
  // ann: s1 present, s2 present; bob: s1 present (v3), s3 uncertain. They differ on s2 and s3.
  const ann = work('ann', [labelRecord('s1', ['sah.present'], humanProvenance('ann')), labelRecord('s2', ['sah.present'], humanProvenance('ann'))]);
  const bob = work('bob', [labelRecord('s1', ['sah.present'], humanProvenance('bob')), labelRecord('s3', ['sah.uncertain'], humanProvenance('bob'))], 3);

  it('is incomplete while a differing unit is undecided, and still carries the agreed units', () => {
    const outcome = settle(SAH_SLICE_LABEL_SET, SLICES, [ann, bob], [decided('s2', { pick: 'bob' })]);
    expect(outcome.complete).toBe(false);
    expect(outcome.undecided.map((u) => u.targetKey)).toEqual(['s3']);
    expect(outcome.records.map((r) => [r.record.targetId, r.basis])).toEqual([['s1', 'agreed']]);
  });

  it('takes agreed units as-is citing every reader, a pick from that reader, an edit as the lead’s own', () => {
    const outcome = settle(SAH_SLICE_LABEL_SET, SLICES, [ann, bob], [decided('s2', { pick: 'ann' }, 2), decided('s3', { edit: { classCodes: ['sah.absent'] } })]);
    expect(outcome.complete).toBe(true);
    expect(outcome.records.map((r) => ({ target: r.record.targetId, codes: r.record.type === 'label' ? r.record.classCodes : null, basis: r.basis, sources: r.sources, version: r.decision?.version ?? null }))).toEqual([
      { target: 's1', codes: ['sah.present'], basis: 'agreed', sources: [{ readerId: 'ann', recordId: 'label:sah:s1', version: 1 }, { readerId: 'bob', recordId: 'label:sah:s1', version: 3 }], version: null },
      { target: 's2', codes: ['sah.present'], basis: 'picked', sources: [{ readerId: 'ann', recordId: 'label:sah:s2', version: 1 }], version: 2 },
      { target: 's3', codes: ['sah.absent'], basis: 'edited', sources: [], version: 1 },
    ]);
    expect(outcome.records[2]!.record.provenance).toEqual({ origin: { kind: 'human' }, createdAt: AT, updatedAt: AT, authors: ['lead'] });
  });

  it('cuts a picked reader’s range to the unit, and leaves a unit blank when the picked reader left it blank', () => {
    const ranged = work('cy', [{ ...labelRecord('s1', ['sah.present'], humanProvenance('cy')), endTargetId: 's3' }]);
    const pickCy = settle(SAH_SLICE_LABEL_SET, SLICES, [ann, ranged], [decided('s3', { pick: 'cy' })]);
    expect(pickCy.complete).toBe(true);
    expect(pickCy.records.map((r) => [r.record.id, r.basis, r.sources.map((s) => s.readerId)])).toEqual([
      ['label:sah:s1', 'agreed', ['ann', 'cy']],
      ['label:sah:s2', 'agreed', ['ann', 'cy']],
      ['label:sah:s3', 'picked', ['cy']],
    ]);
    expect(pickCy.records[2]!.record).toMatchObject({ targetId: 's3', classCodes: ['sah.present'] });
    expect(pickCy.records[2]!.record).not.toHaveProperty('endTargetId');
    const pickAnn = settle(SAH_SLICE_LABEL_SET, SLICES, [ann, ranged], [decided('s3', { pick: 'ann' })]);
    expect(pickAnn.complete).toBe(true);
    expect(pickAnn.records.map((r) => r.record.targetId)).toEqual(['s1', 's2']);
  });

  it('treats a pick of a reader who is no longer compared as undecided, and ignores decisions on units that agree', () => {
    const outcome = settle(SAH_SLICE_LABEL_SET, SLICES, [ann, bob], [decided('s1', { pick: 'bob' }), decided('s2', { pick: 'zed' }), decided('s3', { pick: 'bob' })]);
    expect(outcome.undecided.map((u) => u.targetKey)).toEqual(['s2']);
    expect(outcome.records.find((r) => r.record.targetId === 's1')?.basis).toBe('agreed');
  });

  it('picks a reader’s drawing of a region, citing the records copied; ignores rejected proposals', () => {
    const slide = { itemId: 'slide-1', targetIds: ['slide-1'] };
    const square = (x: number) => ({ type: 'polygon', points: [[x, 0], [x + 100, 0], [x + 100, 100], [x, 100]] }) as const;
    const rejected = { ...humanProvenance('bob'), origin: { kind: 'model' as const, modelId: 'm', version: '1', contentHash: 'a'.repeat(64), runId: 'r' }, decision: 'rejected' as const };
    const annDraws = work('ann', [shapeRecord('a-1', 'slide-1', square(0), 'lesion.carcinoma', humanProvenance('ann'))]);
    const bobDraws = work('bob', [shapeRecord('b-1', 'slide-1', square(60), 'lesion.carcinoma', humanProvenance('bob')), shapeRecord('b-2', 'slide-1', square(0), 'lesion.carcinoma', rejected)], 2);
    const outcome = settle(GASTRIC_BIOPSY_LABEL_SET, slide, [annDraws, bobDraws], [decided('slide-1/lesion.carcinoma', { pick: 'bob' }, 1, 'lesion')]);
    expect(outcome.complete).toBe(true);
    expect(outcome.records.map((r) => [r.record.id, r.basis, r.sources])).toEqual([['b-1', 'picked', [{ readerId: 'bob', recordId: 'b-1', version: 2 }]]]);
  });

  it('turns a lead’s drawing of a region into shapes of the unit’s class, citing the reader it started from', () => {
    const slide = { itemId: 'slide-1', targetIds: ['slide-1'] };
    const square = (x: number) => ({ type: 'polygon', points: [[x, 0], [x + 100, 0], [x + 100, 100], [x, 100]] }) as const;
    const annDraws = work('ann', [shapeRecord('a-1', 'slide-1', square(0), 'lesion.carcinoma', humanProvenance('ann')), shapeRecord('a-2', 'slide-1', square(300), 'lesion.carcinoma', humanProvenance('ann'))], 4);
    const bobDraws = work('bob', [shapeRecord('b-1', 'slide-1', square(60), 'lesion.carcinoma', humanProvenance('bob'))]);
    const key = 'slide-1/lesion.carcinoma';
    const drawn = [square(10), square(310)];
    const fromAnn = settle(GASTRIC_BIOPSY_LABEL_SET, slide, [annDraws, bobDraws], [decided(key, { edit: { geometries: drawn, from: 'ann' } }, 3, 'lesion')]);
    expect(fromAnn.complete).toBe(true);
    expect(fromAnn.records).toEqual(
      drawn.map((geometry, index) => ({
        record: { type: 'shape', id: `consensus:lesion:${key}:${index}`, questionId: 'lesion', targetId: 'slide-1', classCode: 'lesion.carcinoma', geometry, provenance: { origin: { kind: 'human' }, createdAt: AT, updatedAt: AT, authors: ['lead'] } },
        basis: 'edited',
        sources: [{ readerId: 'ann', recordId: 'a-1', version: 4 }, { readerId: 'ann', recordId: 'a-2', version: 4 }],
        decision: { version: 3, decidedBy: 'lead', decidedAt: AT },
      })),
    );
    const fromScratch = settle(GASTRIC_BIOPSY_LABEL_SET, slide, [annDraws, bobDraws], [decided(key, { edit: { geometries: drawn.slice(0, 1) } }, 1, 'lesion')]);
    expect(fromScratch.records.map((r) => [r.record.id, r.basis, r.sources])).toEqual([[`consensus:lesion:${key}:0`, 'edited', []]]);
    // Started from a reader no longer compared (returned since): the lead's drawing still settles the unit, citing nobody.
    const fromGone = settle(GASTRIC_BIOPSY_LABEL_SET, slide, [annDraws, bobDraws], [decided(key, { edit: { geometries: drawn.slice(0, 1), from: 'cy' } }, 1, 'lesion')]);
    expect(fromGone.complete).toBe(true);
    expect(fromGone.records.map((r) => r.sources)).toEqual([[]]);
  });
});
