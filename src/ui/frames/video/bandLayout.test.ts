import { describe, expect, it } from 'vitest';
import { ENDOSCOPY_VIDEO_LABEL_SET } from '../../../core/labelSets/builtin';
import { humanProvenance, labelRecord, modelProvenance } from '../../../core/testing/records';
import { bandsOf } from './bandLayout';

const [EVENT] = ENDOSCOPY_VIDEO_LABEL_SET.questions;
const range = (id: string, first: number, last: number, classCode: string, provenance = humanProvenance()) => ({
  ...labelRecord(`f${first}`, [classCode], provenance, 'event'),
  id,
  endTargetId: `f${last}`,
});
const indexOf = (targetId: string) => (targetId.startsWith('f') ? Number(targetId.slice(1)) : undefined);

describe('bandsOf', () => {
  it('lays out each range as one band in its class lane, as fractions of the timeline', () => {
    const bands = bandsOf([range('b', 100, 199, 'event.polyp'), range('a', 0, 99, 'event.bleeding')], EVENT!, indexOf, 1_000);
    expect(bands).toEqual([
      { id: 'a', classCode: 'event.bleeding', color: '#d62728', lane: 0, first: 0, last: 99, left: 0, width: 0.1 },
      { id: 'b', classCode: 'event.polyp', color: '#1f77b4', lane: 1, first: 100, last: 199, left: 0.1, width: 0.1 },
    ]);
  });

  it('leaves out single-frame labels, other questions, rejected proposals and frames the video lacks', () => {
    const records = [
      labelRecord('f3', ['site.rectum'], humanProvenance(), 'site'),
      labelRecord('f3', ['event.polyp'], humanProvenance(), 'event'),
      range('rejected', 1, 2, 'event.polyp', { ...modelProvenance(), decision: 'rejected' }),
      range('lost', 1, 2, 'event.polyp'),
    ];
    expect(bandsOf(records.map((r, i) => (i === 3 ? { ...r, endTargetId: 'gone' } : r)), EVENT!, indexOf, 10)).toEqual([]);
  });
});
