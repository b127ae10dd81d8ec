import { describe, expect, it } from 'vitest';
import type { AnnotationRecord } from './annotation';
import { progressOfRecords } from './progress';
import { RecordStore, targetOrder } from './recordStore';
import { DOC_KEY, humanProvenance, labelRecord, maskRecord, modelProvenance, shapeRecord } from './testing/records';

const label = (targetId: string, codes: string[] = ['sah.absent']) => labelRecord(targetId, codes);

describe('progressOfRecords', () => {
  it('is 0 of N with no records yet', () => {
    expect(progressOfRecords([], ['a', 'b', 'c'])).toEqual({ labelled: 0, total: 3 });
  });

  it('counts targets with a label, ignoring shapes, masks and empty labels', () => {
    const records = [label('a'), label('b', []), shapeRecord('s1', 'c'), maskRecord('c')];
    expect(progressOfRecords(records, ['a', 'b', 'c'])).toEqual({ labelled: 1, total: 3 });
  });

  it('counts accepted proposals, not pending or rejected ones', () => {
    const records = [
      labelRecord('a', ['sah.present'], modelProvenance()),
      labelRecord('b', ['sah.present'], { ...modelProvenance(), decision: 'accepted', decidedBy: 'u1' }),
      labelRecord('c', ['sah.present'], { ...modelProvenance(), decision: 'rejected', decidedBy: 'u1' }),
    ];
    expect(progressOfRecords(records, ['a', 'b', 'c'])).toEqual({ labelled: 1, total: 3 });
  });

  it('counts a target once however many questions answer it', () => {
    expect(progressOfRecords([label('a'), labelRecord('a', ['ich.subdural'], humanProvenance(), 'ich')], ['a', 'b'])).toEqual({ labelled: 1, total: 2 });
  });

  it('ignores labels on targets that are not part of the item', () => {
    expect(progressOfRecords([label('a'), label('gone')], ['a', 'b'])).toEqual({ labelled: 1, total: 2 });
  });

  it('counts each target once even if listed twice', () => {
    expect(progressOfRecords([label('a')], ['a', 'a', 'b'])).toEqual({ labelled: 1, total: 2 });
  });

  it('is complete when every target is labelled, and agrees with the store’s own count', () => {
    const ids = Array.from({ length: 28 }, (_, i) => `s${i}`);
    const records: AnnotationRecord[] = ids.map((id) => label(id));
    expect(progressOfRecords(records, ids)).toEqual({ labelled: 28, total: 28 });
    const store = new RecordStore(DOC_KEY, [...records.slice(3), label('gone')], targetOrder(ids));
    expect(store.labelledTargets).toBe(progressOfRecords(store.records(), ids).labelled);
  });
});
