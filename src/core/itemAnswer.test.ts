import { describe, expect, it } from 'vitest';
import type { AnnotationRecord } from './annotation';
import { deriveItemAnswer } from './itemAnswer';
import { ICH_SUBTYPE_LABEL_SET, SAH_SLICE_LABEL_SET } from './labelSets/builtin';
import type { Question } from './labelSet';
import { RecordStore } from './recordStore';
import { DOC_KEY, humanProvenance, labelRecord, modelProvenance } from './testing/records';

const SLICES = ['s1', 's2', 's3', 's4'];
const SAH = SAH_SLICE_LABEL_SET.questions[0]!;
const ICH = ICH_SUBTYPE_LABEL_SET.questions[0]!;
const store = (records: AnnotationRecord[]) => new RecordStore(DOC_KEY, records);
const sah = (labels: Record<string, string>) => store(Object.entries(labels).map(([target, code]) => labelRecord(target, [code])));
const ich = (target: string, codes: string[]) => labelRecord(target, codes, humanProvenance(), 'ich');

describe('deriveItemAnswer (SAH priority present > uncertain > absent)', () => {
  it('is empty before any label', () => {
    expect(deriveItemAnswer(SAH, null, SLICES)).toEqual({ classCode: null, complete: false, labelled: 0, total: 4 });
    expect(deriveItemAnswer(SAH, sah({}), SLICES)).toEqual({ classCode: null, complete: false, labelled: 0, total: 4 });
  });

  it('is absent when every slice is absent', () => {
    const doc = sah({ s1: 'sah.absent', s2: 'sah.absent', s3: 'sah.absent', s4: 'sah.absent' });
    expect(deriveItemAnswer(SAH, doc, SLICES)).toEqual({ classCode: 'sah.absent', complete: true, labelled: 4, total: 4 });
  });

  it('one present slice makes the series present', () => {
    const doc = sah({ s1: 'sah.absent', s2: 'sah.uncertain', s3: 'sah.present', s4: 'sah.absent' });
    expect(deriveItemAnswer(SAH, doc, SLICES).classCode).toBe('sah.present');
  });

  it('uncertain wins over absent', () => {
    const doc = sah({ s1: 'sah.absent', s2: 'sah.uncertain', s3: 'sah.absent', s4: 'sah.absent' });
    expect(deriveItemAnswer(SAH, doc, SLICES).classCode).toBe('sah.uncertain');
  });

  it('reports the best class so far while incomplete', () => {
    const doc = sah({ s1: 'sah.absent', s3: 'sah.uncertain' });
    expect(deriveItemAnswer(SAH, doc, SLICES)).toEqual({ classCode: 'sah.uncertain', complete: false, labelled: 2, total: 4 });
  });

  it('ignores labels on targets outside the item, and a rejected proposal', () => {
    const doc = store([
      labelRecord('s1', ['sah.absent']),
      labelRecord('gone', ['sah.present']),
      labelRecord('s2', ['sah.present'], { ...modelProvenance(), decision: 'rejected', decidedBy: 'u1' }),
    ]);
    expect(deriveItemAnswer(SAH, doc, SLICES)).toEqual({ classCode: 'sah.absent', complete: false, labelled: 1, total: 4 });
  });

  it('answers one question only, whatever else the targets carry', () => {
    const doc = store([labelRecord('s1', ['sah.absent']), ich('s2', ['ich.subdural'])]);
    expect(deriveItemAnswer(SAH, doc, ['s1', 's2'])).toEqual({ classCode: 'sah.absent', complete: false, labelled: 1, total: 2 });
  });

  it('is never complete for an item without targets', () => {
    expect(deriveItemAnswer(SAH, sah({}), [])).toEqual({ classCode: null, complete: false, labelled: 0, total: 0 });
  });
});

describe('deriveItemAnswer without a rule', () => {
  it('counts labels but gives no class', () => {
    const doc = store([ich('s1', ['ich.subdural', 'ich.subarachnoid'])]);
    expect(deriveItemAnswer(ICH, doc, ['s1'])).toEqual({ classCode: null, complete: true, labelled: 1, total: 1 });
  });

  it('applies a priority over multiple-choice labels too', () => {
    const ranked: Question = { ...ICH, itemAnswer: { kind: 'priority', priority: ['ich.epidural', 'ich.subarachnoid', 'ich.none'] } };
    const doc = store([ich('s1', ['ich.none']), ich('s2', ['ich.subdural', 'ich.subarachnoid'])]);
    expect(deriveItemAnswer(ranked, doc, ['s1', 's2']).classCode).toBe('ich.subarachnoid');
  });
});
