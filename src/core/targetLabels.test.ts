import { describe, expect, it } from 'vitest';
import type { DocumentView } from './annotation';
import { maskId, targetLabelId } from './recordIds';
import { RecordStore } from './recordStore';
import { hasLabelRecords, isSettled, labelAt } from './targetLabels';
import { DOC_KEY, humanProvenance, labelRecord, modelProvenance, shapeRecord } from './testing/records';

const decided = (decision: 'accepted' | 'edited' | 'rejected') => ({ ...modelProvenance(), decision, decidedBy: 'u1' });

describe('record ids', () => {
  it('give one stable id per question and target, and per class for masks', () => {
    expect(targetLabelId('sah', '1.2.840.1#3')).toBe('label:sah:1.2.840.1#3');
    expect(targetLabelId('sah', 'a')).not.toBe(targetLabelId('sah', 'b'));
    expect(targetLabelId('sah', 'a')).not.toBe(targetLabelId('ich', 'a'));
    expect(maskId('lesion', 's1', 'cyst')).toBe('mask:lesion:s1:cyst');
  });
});

describe('labelAt', () => {
  const proposal = { ...labelRecord('s2', ['sah.present'], modelProvenance()), id: 'model-proposal-7' };
  const records = [
    labelRecord('s1', ['sah.absent']),
    labelRecord('s1', ['ich.subdural'], humanProvenance(), 'ich'),
    proposal,
    labelRecord('s3', ['sah.present'], decided('rejected')),
    shapeRecord('sh', 's1'),
  ];
  const store = new RecordStore(DOC_KEY, records);
  /** The same records behind a view without the store's index. */
  const plain: DocumentView = {
    ...DOC_KEY,
    size: store.size,
    get: (id) => store.get(id),
    records: () => store.records(),
    recordsAt: (t) => store.recordsAt(t),
  };

  it.each([
    ['the store', store],
    ['a plain view', plain],
  ])('finds the live label of a question on a target, whatever its id, through %s', (_name, doc) => {
    expect(labelAt(doc, 'sah', 's1')?.classCodes).toEqual(['sah.absent']);
    expect(labelAt(doc, 'ich', 's1')?.classCodes).toEqual(['ich.subdural']);
    expect(labelAt(doc, 'sah', 's2')).toBe(proposal);
    expect(labelAt(doc, 'sah', 's3')).toBeUndefined();
    expect(labelAt(doc, 'lesion', 's1')).toBeUndefined();
    expect(labelAt(doc, 'sah', 'nowhere')).toBeUndefined();
  });

  it('tells targets that carry any label record of a question, a rejected proposal included', () => {
    expect(hasLabelRecords(store, 'sah', ['s3'])).toBe(true);
    expect(hasLabelRecords(store, 'sah', ['nowhere', 's2'])).toBe(true);
    expect(hasLabelRecords(store, 'ich', ['s2', 's3'])).toBe(false);
    expect(hasLabelRecords(store, 'lesion', ['s1'])).toBe(false);
    expect(hasLabelRecords(store, 'sah', [])).toBe(false);
  });
});

describe('isSettled', () => {
  it('is true for human work and proposals a person accepted or edited', () => {
    expect(isSettled(labelRecord('s1', ['sah.absent']))).toBe(true);
    expect(isSettled(labelRecord('s1', ['sah.absent'], modelProvenance()))).toBe(false);
    expect((['accepted', 'edited', 'rejected'] as const).map((d) => isSettled(labelRecord('s1', ['sah.absent'], decided(d))))).toEqual([true, true, false]);
  });
});
