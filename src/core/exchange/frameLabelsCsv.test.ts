import { describe, expect, it } from 'vitest';
import { RecordStore } from '../recordStore';
import { FRAME_TEST_ITEM, FRAME_TEST_LABEL_SET, FRAME_TEST_RECORDS } from '../testing/frameSetDocument';
import { DOC_KEY, humanProvenance, labelRecord, seriesItem } from '../testing/records';
import { exportFrameLabelsCsv, frameLabelsCsvFileName } from './frameLabelsCsv';

const doc = (records = FRAME_TEST_RECORDS) => new RecordStore({ ...DOC_KEY, itemId: FRAME_TEST_ITEM.id }, records);
const HUMAN = 'human,,,,,,,,,u1,2024-05-01T08:00:00.000Z';

describe('frame answers as CSV', () => {
  it('writes one row per answer in frame order: a frame’s answer on one frame, a range once with its first and last frame, the item’s answers last', () => {
    const lines = exportFrameLabelsCsv(doc(), FRAME_TEST_ITEM, FRAME_TEST_LABEL_SET).split('\r\n');
    expect(lines).toEqual([
      'frame_first,frame_last,video_frame_first,video_frame_last,target_id_first,target_id_last,question,classes,class_names,origin,model_id,model_version,model_sha256,run_id,threshold,score,decision,decided_by,authors,updated_at',
      `1,1,0,0,frame-1,frame-1,mayo,mayo.2,2 moderate,${HUMAN}`,
      `1,1,0,0,frame-1,frame-1,site,site.rectum,Rectum,${HUMAN}`,
      `1,1,0,0,frame-1,frame-1,findings,findings.blood;findings.mucus,findings.blood;findings.mucus,${HUMAN}`,
      `2,2,1,1,frame-2,frame-2,mayo,mayo.3,3 severe,model,mayo-net,1.0.0,${'a'.repeat(64)},run-1,0.5,0.9,accepted,u1,u1,2024-05-01T08:00:00.000Z`,
      `2,4,1,3,frame-2,frame-4,extent,extent.active,extent.active,${HUMAN}`,
      `,,,,,,quality,quality.good,quality.good,${HUMAN}`,
      '',
    ]);
  });

  it('writes a run of frames tagged at once on a per-frame question as one row, as the record is one', () => {
    const run = { ...labelRecord('frame-2', ['mayo.1'], humanProvenance(), 'mayo'), endTargetId: 'frame-4' };
    const lines = exportFrameLabelsCsv(doc([run]), FRAME_TEST_ITEM, FRAME_TEST_LABEL_SET).split('\r\n');
    expect(lines.slice(1)).toEqual([`2,4,1,3,frame-2,frame-4,mayo,mayo.1,1 mild,${HUMAN}`, '']);
  });

  it('leaves the video columns empty for stills and quotes what RFC 4180 says to quote', () => {
    const stills = {
      ...FRAME_TEST_ITEM,
      content: { kind: 'frameSet' as const, source: 'images' as const, frames: [{ targetId: 'f,1', fileId: 'b1', videoFrame: null, width: 10, height: 10 }] },
    };
    const labelSet = { ...FRAME_TEST_LABEL_SET, questions: FRAME_TEST_LABEL_SET.questions.map((q) => (q.id === 'site' ? { ...q, classes: [{ ...q.classes[0]!, name: { en: 'Rectum, "distal"', ja: '直腸' } }] } : q)) };
    const text = exportFrameLabelsCsv(doc([labelRecord('f,1', ['site.rectum'], humanProvenance(), 'site')]), stills, labelSet);
    expect(text.split('\r\n')[1]).toBe(`1,1,,,"f,1","f,1",site,site.rectum,"Rectum, ""distal""",${HUMAN}`);
  });

  it('has no frame rows for an item that is not a frame set, and names the file after the item', () => {
    expect(exportFrameLabelsCsv(doc([labelRecord('slice-1', ['mayo.1'], humanProvenance(), 'mayo')]), seriesItem(2), FRAME_TEST_LABEL_SET).split('\r\n')).toHaveLength(2);
    expect(frameLabelsCsvFileName('Fundus: left eye')).toBe('Fundus_ left eye-frame-labels.csv');
  });
});
