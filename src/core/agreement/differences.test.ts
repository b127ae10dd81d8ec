import { describe, expect, it } from 'vitest';
import { GASTRIC_BIOPSY_LABEL_SET, SAH_SLICE_LABEL_SET } from '../labelSets/builtin';
import { humanProvenance, labelRecord, shapeRecord } from '../testing/records';
import { readerDifferences } from './differences';
import { readingsOfItem, type ReaderDocument } from './readings';

const AT = '2026-11-30T10:00:00.000Z';
const SLICES = { itemId: 'ct-1', targetIds: ['s1', 's2', 's3'] };
const doc = (readerId: string, records: ReaderDocument['records']): ReaderDocument => ({ readerId, records, submittedAt: AT });
const square = (x: number, size = 10) => ({ type: 'polygon', points: [[x, 0], [x + size, 0], [x + size, size], [x, size]] }) as const;

describe('readerDifferences', () => {
  it('finds the slices two readers label differently, counting a slice one left unlabelled', () => {
    const documents = [
      doc('ann', [labelRecord('s1', ['sah.present'], humanProvenance('ann')), labelRecord('s2', ['sah.present'], humanProvenance('ann'))]),
      doc('bob', [labelRecord('s1', ['sah.present'], humanProvenance('bob')), labelRecord('s3', ['sah.present'], humanProvenance('bob'))]),
    ];
    const differing = readerDifferences(readingsOfItem(SAH_SLICE_LABEL_SET, SLICES, documents), ['ann', 'bob']);
    expect(differing.map((unit) => unit.targetKey)).toEqual(['s2', 's3']);
    expect(differing[0]!.answers).toEqual([
      { readerId: 'ann', value: { kind: 'class', code: 'sah.present' } },
      { readerId: 'bob', value: null },
    ]);
  });

  it('finds nothing when every reader gave the same answers', () => {
    const same = (reader: string) => doc(reader, [labelRecord('s2', ['sah.present'], humanProvenance(reader))]);
    const readings = readingsOfItem(SAH_SLICE_LABEL_SET, SLICES, [same('ann'), same('bob'), same('cy')], { absentClass: { sah: 'sah.absent' } });
    expect(readerDifferences(readings, ['ann', 'bob', 'cy'])).toEqual([]);
  });

  it('lets regions differ by a little, not by much', () => {
    const slide = { itemId: 'slide-1', targetIds: ['slide-1'] };
    const outline = (reader: string, x: number) => doc(reader, [shapeRecord(`${reader}-1`, 'slide-1', square(x, 100), 'lesion.carcinoma', humanProvenance(reader))]);
    const close = readingsOfItem(GASTRIC_BIOPSY_LABEL_SET, slide, [outline('ann', 0), outline('bob', 5)]).filter((r) => r.questionId === 'lesion');
    expect(readerDifferences(close, ['ann', 'bob'])).toEqual([]);
    const apart = readingsOfItem(GASTRIC_BIOPSY_LABEL_SET, slide, [outline('ann', 0), outline('bob', 60)]).filter((r) => r.questionId === 'lesion');
    expect(readerDifferences(apart, ['ann', 'bob']).map((unit) => unit.targetKey)).toEqual(['slide-1/lesion.carcinoma']);
    expect(readerDifferences(close, ['ann', 'bob'], { minRegionDice: 0.99 })).toHaveLength(1);
  });
});
