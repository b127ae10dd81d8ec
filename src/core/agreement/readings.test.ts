import { describe, expect, it } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET, ICH_SUBTYPE_LABEL_SET, SAH_SLICE_LABEL_SET, UC_ENDOSCOPY_LABEL_SET } from '../labelSets/builtin';
import { humanProvenance, labelRecord, maskRecord, modelProvenance, shapeRecord } from '../testing/records';
import { readingsOfItem, type ReaderDocument } from './readings';

const SLICES = { itemId: 'ct-1', targetIds: ['s1', 's2', 's3'] };
const AT = '2026-11-30T10:00:00.000Z';
const doc = (readerId: string, records: ReaderDocument['records']): ReaderDocument => ({ readerId, records, submittedAt: AT });
const square = (x: number) => ({ type: 'polygon', points: [[x, 0], [x + 10, 0], [x + 10, 10], [x, 10]] }) as const;

describe('readingsOfItem', () => {
  it('reads per-slice labels, and an unlabelled slice as absent only when a rule says so', () => {
    const documents = [doc('ann', [labelRecord('s2', ['sah.present'], humanProvenance('ann', '2026-11-29T09:00:00.000Z'))])];
    const bare = readingsOfItem(SAH_SLICE_LABEL_SET, SLICES, documents);
    expect(bare).toEqual([{ questionId: 'sah', itemId: 'ct-1', targetKey: 's2', readerId: 'ann', value: { kind: 'class', code: 'sah.present' }, at: '2026-11-29T09:00:00.000Z' }]);
    const ruled = readingsOfItem(SAH_SLICE_LABEL_SET, SLICES, documents, { absentClass: { sah: 'sah.absent' } });
    expect(ruled.map((r) => [r.targetKey, r.value, r.at])).toEqual([
      ['s2', { kind: 'class', code: 'sah.present' }, '2026-11-29T09:00:00.000Z'],
      ['s1', { kind: 'class', code: 'sah.absent' }, AT],
      ['s3', { kind: 'class', code: 'sah.absent' }, AT],
    ]);
  });

  it('ignores pending and rejected model proposals but counts accepted ones', () => {
    const pending = labelRecord('s1', ['sah.present'], modelProvenance());
    const accepted = labelRecord('s2', ['sah.present'], { ...modelProvenance(), decision: 'accepted', decidedBy: 'ann' });
    const readings = readingsOfItem(SAH_SLICE_LABEL_SET, SLICES, [doc('ann', [pending, accepted])]);
    expect(readings.map((r) => r.targetKey)).toEqual(['s2']);
  });

  it('reads grades as their place on the scale, sets of classes sorted, and a frame range per frame', () => {
    const frames = { itemId: 'video-1', targetIds: ['f1', 'f2', 'f3', 'f4'] };
    const range = { ...labelRecord('f2', ['mayo.2'], humanProvenance('ann'), 'mayo'), endTargetId: 'f3' };
    const mayo = readingsOfItem(UC_ENDOSCOPY_LABEL_SET, frames, [doc('ann', [range])]);
    expect(mayo.map((r) => [r.targetKey, r.value])).toEqual([['f2', { kind: 'grade', grade: 2 }], ['f3', { kind: 'grade', grade: 2 }]]);
    const ich = readingsOfItem(ICH_SUBTYPE_LABEL_SET, SLICES, [doc('ann', [labelRecord('s1', ['ich.subdural', 'ich.epidural'], humanProvenance('ann'), 'ich')])]);
    expect(ich[0]!.value).toEqual({ kind: 'classes', codes: ['ich.epidural', 'ich.subdural'] });
  });

  it('reads regions per target and class, giving `empty` to a reader who drew nothing where another did', () => {
    const slide = { itemId: 'slide-1', targetIds: ['slide-1'] };
    const documents = [
      doc('ann', [
        shapeRecord('a1', 'slide-1', square(0), 'lesion.carcinoma', humanProvenance('ann', '2026-11-29T00:00:00.000Z')),
        shapeRecord('a2', 'slide-1', square(20), 'lesion.carcinoma', humanProvenance('ann', '2026-11-30T00:00:00.000Z')),
        shapeRecord('a3', 'slide-1', { type: 'point', point: [1, 1] }, 'lesion.adenoma', humanProvenance('ann')),
      ]),
      doc('bob', [maskRecord('slide-1', 'lesion.other', humanProvenance('bob'))]),
    ];
    const readings = readingsOfItem(GASTRIC_BIOPSY_LABEL_SET, slide, documents).filter((r) => r.questionId === 'lesion');
    const byKey = (reader: string, key: string) => readings.find((r) => r.readerId === reader && r.targetKey === key);
    expect(byKey('ann', 'slide-1/lesion.carcinoma')).toMatchObject({ value: { kind: 'outline' }, at: '2026-11-30T00:00:00.000Z' });
    expect(byKey('ann', 'slide-1/lesion.carcinoma')!.value.kind === 'outline' && byKey('ann', 'slide-1/lesion.carcinoma')!.value).toMatchObject({ polygons: { length: 2 } });
    expect(byKey('bob', 'slide-1/lesion.carcinoma')!.value).toEqual({ kind: 'empty' });
    expect(byKey('bob', 'slide-1/lesion.other')!.value).toEqual({ kind: 'mask', width: 4, height: 3, runs: [5, 2, 5] });
    expect(byKey('ann', 'slide-1/lesion.other')!.value).toEqual({ kind: 'empty' });
    // A point encloses nothing: no unit for the adenoma.
    expect(byKey('ann', 'slide-1/lesion.adenoma')).toBeUndefined();
    expect(readings).toHaveLength(4);
  });
});
