import { describe, expect, it } from 'vitest';
import { deriveItemAnswer } from './itemAnswer';
import { ICH_SUBTYPE_LABEL_SET, SAH_SLICE_LABEL_SET } from './labelSets/builtin';
import { documentOf, labelRecord } from './testing/records';

const SLICES = ['s1', 's2', 's3', 's4'];
const sah = (labels: Record<string, string>) =>
  documentOf(Object.entries(labels).map(([target, code]) => labelRecord(target, [code])));

describe('deriveItemAnswer (SAH priority present > uncertain > absent)', () => {
  it('is empty before any label', () => {
    expect(deriveItemAnswer(SAH_SLICE_LABEL_SET, null, SLICES)).toEqual({ classCode: null, complete: false, labelled: 0, total: 4 });
    expect(deriveItemAnswer(SAH_SLICE_LABEL_SET, sah({}), SLICES)).toEqual({ classCode: null, complete: false, labelled: 0, total: 4 });
  });

  it('is absent when every slice is absent', () => {
    const doc = sah({ s1: 'sah.absent', s2: 'sah.absent', s3: 'sah.absent', s4: 'sah.absent' });
    expect(deriveItemAnswer(SAH_SLICE_LABEL_SET, doc, SLICES)).toEqual({ classCode: 'sah.absent', complete: true, labelled: 4, total: 4 });
  });

  it('one present slice makes the series present', () => {
    const doc = sah({ s1: 'sah.absent', s2: 'sah.uncertain', s3: 'sah.present', s4: 'sah.absent' });
    expect(deriveItemAnswer(SAH_SLICE_LABEL_SET, doc, SLICES).classCode).toBe('sah.present');
  });

  it('uncertain wins over absent', () => {
    const doc = sah({ s1: 'sah.absent', s2: 'sah.uncertain', s3: 'sah.absent', s4: 'sah.absent' });
    expect(deriveItemAnswer(SAH_SLICE_LABEL_SET, doc, SLICES).classCode).toBe('sah.uncertain');
  });

  it('reports the best class so far while incomplete', () => {
    const doc = sah({ s1: 'sah.absent', s3: 'sah.uncertain' });
    expect(deriveItemAnswer(SAH_SLICE_LABEL_SET, doc, SLICES)).toEqual({ classCode: 'sah.uncertain', complete: false, labelled: 2, total: 4 });
  });

  it('ignores labels on targets outside the item', () => {
    const doc = sah({ s1: 'sah.absent', gone: 'sah.present' });
    expect(deriveItemAnswer(SAH_SLICE_LABEL_SET, doc, SLICES)).toEqual({ classCode: 'sah.absent', complete: false, labelled: 1, total: 4 });
  });

  it('is never complete for an item without targets', () => {
    expect(deriveItemAnswer(SAH_SLICE_LABEL_SET, sah({}), [])).toEqual({ classCode: null, complete: false, labelled: 0, total: 0 });
  });
});

describe('deriveItemAnswer without a rule', () => {
  it('counts labels but gives no class', () => {
    const doc = documentOf([labelRecord('s1', ['ich.subdural', 'ich.subarachnoid'])], 'ich-subtype');
    expect(deriveItemAnswer(ICH_SUBTYPE_LABEL_SET, doc, ['s1'])).toEqual({ classCode: null, complete: true, labelled: 1, total: 1 });
  });

  it('applies a priority over multi-choice labels too', () => {
    const set = { ...ICH_SUBTYPE_LABEL_SET, itemAnswer: { kind: 'priority' as const, priority: ['ich.epidural', 'ich.subarachnoid', 'ich.none'] } };
    const doc = documentOf([labelRecord('s1', ['ich.none']), labelRecord('s2', ['ich.subdural', 'ich.subarachnoid'])], 'ich-subtype');
    expect(deriveItemAnswer(set, doc, ['s1', 's2']).classCode).toBe('ich.subarachnoid');
  });
});
