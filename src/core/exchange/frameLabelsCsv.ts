/**
 * The answers of a frame set's document as CSV, one row per label record: a frame's answer, a
 * frame range's answer (one row for the whole range, not one per frame: a video event, or a run
 * of frames tagged at once on a per-frame question, see commands/frameRuns.ts), or a whole-item
 * answer. Ranges stay ranges, as the document holds them; a per-frame table is one join away.
 * A row names its first and last frame: equal for one frame, the range's ends for a range, empty
 * for the whole item. Frames are numbered from 1 in the item's frame order; `video_frame_*` is the
 * frame's 0-based index in its video (empty for stills), so a row can be found in the video. The
 * class and provenance columns are those of the labels CSV (labelsCsv.ts), RFC 4180 quoting
 * included, and rows come in frame order (a range at its first frame), whole-item answers last.
 */
import type { DocumentView, TargetLabel } from '../annotation';
import type { FrameRef, Item } from '../item';
import type { LabelSet } from '../labelSet';
import { exportFileName } from './fileName';
import { classFields, csvField, PROVENANCE_CSV_COLUMNS, provenanceFields } from './labelsCsv';

export const FRAME_LABEL_CSV_COLUMNS = [
  'frame_first',
  'frame_last',
  'video_frame_first',
  'video_frame_last',
  'target_id_first',
  'target_id_last',
  'question',
  'classes',
  'class_names',
  ...PROVENANCE_CSV_COLUMNS,
] as const;

/** A frame's place: its number (from 1), its index in the video, its target id. */
interface FramePlace {
  readonly number: number;
  readonly frame: FrameRef;
}

function row(label: TargetLabel, first: FramePlace | null, last: FramePlace | null, labelSet: LabelSet): string {
  const fields = [
    first?.number ?? null,
    last?.number ?? null,
    first?.frame.videoFrame ?? null,
    last?.frame.videoFrame ?? null,
    first?.frame.targetId ?? null,
    last?.frame.targetId ?? null,
    label.questionId,
    ...classFields(label, labelSet),
    ...provenanceFields(label),
  ];
  return fields.map(csvField).join(',');
}

/** The item must be a frame set; any other kind has no frames and gets its whole-item answers only. */
export function exportFrameLabelsCsv(doc: DocumentView, item: Pick<Item, 'id' | 'content'>, labelSet: LabelSet): string {
  const frames = item.content.kind === 'frameSet' ? item.content.frames : [];
  const places = new Map(frames.map((frame, i) => [frame.targetId, { number: i + 1, frame }]));
  const lines: string[] = [FRAME_LABEL_CSV_COLUMNS.join(',')];
  frames.forEach((frame, i) => {
    const first = { number: i + 1, frame };
    for (const record of doc.recordsAt(frame.targetId)) {
      if (record.type !== 'label') continue;
      const last = record.endTargetId === undefined ? first : (places.get(record.endTargetId) ?? null);
      lines.push(row(record, first, last, labelSet));
    }
  });
  for (const record of doc.recordsAt(item.id)) if (record.type === 'label') lines.push(row(record, null, null, labelSet));
  return `${lines.join('\r\n')}\r\n`;
}

/** The CSV's file name, after the item's title. */
export function frameLabelsCsvFileName(title: string): string {
  return exportFileName(title, 'labels', '-frame-labels.csv');
}
