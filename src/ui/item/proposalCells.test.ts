import { describe, expect, it } from 'vitest';
import { RecordStore } from '../../core/recordStore';
import { DOC_KEY, labelRecord, modelProvenance, TEST_LABEL_SET } from '../../core/testing/records';
import { sliceCells } from './proposalCells';

const sah = TEST_LABEL_SET.questions[0]!;
const proposal = (targetId: string, code: string, score: number, decision: 'pending' | 'accepted' = 'pending') => {
  const base = modelProvenance();
  return labelRecord(targetId, [code], { ...base, decision, origin: { ...base.origin, score } as typeof base.origin });
};

describe('slice cells', () => {
  it('tell a person’s answer from a shown proposal, and hide proposals below the slider', () => {
    const doc = new RecordStore(DOC_KEY, [labelRecord('s1', ['sah.absent']), proposal('s2', 'sah.present', 0.9), proposal('s3', 'sah.present', 0.4), proposal('s4', 'sah.absent', 0.8, 'accepted')]);
    const cells = sliceCells(doc, ['s1', 's2', 's3', 's4', 's5'], sah, { sah: 0.5 });
    expect(cells.map((c) => [c.settled.map((x) => x.code).join(), c.proposed?.classes.map((x) => x.code).join() ?? null, c.proposed?.score ?? null])).toEqual([
      ['sah.absent', null, null],
      ['', 'sah.present', 0.9],
      ['', null, null],
      ['sah.absent', null, null],
      ['', null, null],
    ]);
    expect(cells[1]?.proposed?.id).toBe('label:sah:s2');
    expect(sliceCells(doc, ['s3'], sah, {})[0]?.proposed?.score).toBe(0.4);
  });
});
