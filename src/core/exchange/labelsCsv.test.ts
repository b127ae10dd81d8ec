import { describe, expect, it } from 'vitest';
import { RecordStore } from '../recordStore';
import { DOC_KEY, humanProvenance, labelRecord, modelProvenance, TEST_LABEL_SET } from '../testing/records';
import { csvField, exportLabelsCsv, labelsCsvFileName } from './labelsCsv';

describe('labels as CSV', () => {
  it('writes one row per label in slice order, with a person’s or a model’s provenance and the decision', () => {
    const rejected = { ...modelProvenance(), decision: 'rejected' as const, decidedBy: 'u1' };
    const accepted = { ...modelProvenance(), decision: 'accepted' as const, decidedBy: 'u1', authors: ['u1'] };
    const doc = new RecordStore(DOC_KEY, [
      labelRecord('s2', ['sah.present'], accepted),
      labelRecord('s1', ['sah.absent'], humanProvenance('u1')),
      { ...labelRecord('s3', ['sah.present'], rejected), id: 'label:sah:s3' },
      labelRecord('item-1', ['good'], humanProvenance('u1'), 'quality'),
    ]);
    const lines = exportLabelsCsv(doc, TEST_LABEL_SET, ['s1', 's2', 's3'], 'item-1').split('\r\n');
    expect(lines[0]).toBe('slice,target_id,question,classes,class_names,origin,model_id,model_version,model_sha256,run_id,threshold,score,decision,decided_by,authors,updated_at');
    expect(lines[1]).toBe(`1,s1,sah,sah.absent,sah.absent,human,,,,,,,,,u1,2024-05-01T08:00:00.000Z`);
    expect(lines[2]).toBe(`2,s2,sah,sah.present,sah.present,model,sah-net,1.0.0,${'a'.repeat(64)},run-1,0.5,0.9,accepted,u1,u1,2024-05-01T08:00:00.000Z`);
    expect(lines[3]).toContain(',model,sah-net,1.0.0,');
    expect(lines[3]).toContain(',rejected,u1,');
    expect(lines[4]).toBe(',item-1,quality,good,good,human,,,,,,,,,u1,2024-05-01T08:00:00.000Z');
    expect(lines[5]).toBe('');
  });

  it('writes a range on a row for each target it spans, in target order', () => {
    const doc = new RecordStore(DOC_KEY, [{ ...labelRecord('s1', ['sah.present']), endTargetId: 's2' }, labelRecord('s3', ['sah.absent'])]);
    const lines = exportLabelsCsv(doc, TEST_LABEL_SET, ['s1', 's2', 's3'], 'item-1').split('\r\n');
    expect(lines.slice(1, 4).map((line) => line.split(',').slice(0, 4).join(','))).toEqual(['1,s1,sah,sah.present', '2,s2,sah,sah.present', '3,s3,sah,sah.absent']);
  });

  it('quotes what needs quoting and keeps spreadsheets from reading a formula', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField(null)).toBe('');
    expect(labelsCsvFileName('Head CT 1/2')).toBe('Head CT 1_2-labels.csv');
  });
});
