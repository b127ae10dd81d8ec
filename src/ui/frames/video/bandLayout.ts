/**
 * Where the timeline draws each frame range: one lane per class of the question (in its order),
 * left and width as fractions of the timeline, so a band costs one element however many frames
 * it spans (a 20,000-frame video has no per-frame DOM).
 */
import type { AnnotationRecord } from '../../../core/annotation';
import type { Question } from '../../../core/labelSet';
import type { FrameSpan } from './rangeMath';

export interface Band extends FrameSpan {
  /** The frame-range record drawn. */
  readonly id: string;
  readonly classCode: string;
  readonly color: string;
  /** Row of the band: the class's index in the question. */
  readonly lane: number;
  /** Left edge and width as fractions of the timeline's width (0–1). */
  readonly left: number;
  readonly width: number;
}

/**
 * Bands for the question's frame-range records among `records`; `frameIndex` gives a target's
 * 0-based frame (records naming a frame the video lacks are left out). Sorted by lane then start.
 */
export function bandsOf(records: Iterable<AnnotationRecord>, question: Question, frameIndex: (targetId: string) => number | undefined, frameCount: number): Band[] {
  const lanes = new Map(question.classes.map((c, i) => [c.code, { lane: i, color: c.color }]));
  const bands: Band[] = [];
  for (const record of records) {
    if (record.type !== 'label' || record.questionId !== question.id || record.endTargetId === undefined) continue;
    if (record.provenance.decision === 'rejected') continue;
    const first = frameIndex(record.targetId);
    const last = frameIndex(record.endTargetId);
    const classCode = record.classCodes[0];
    const lane = classCode === undefined ? undefined : lanes.get(classCode);
    if (first === undefined || last === undefined || lane === undefined || classCode === undefined) continue;
    bands.push({ id: record.id, classCode, color: lane.color, lane: lane.lane, first, last, left: first / frameCount, width: (last - first + 1) / frameCount });
  }
  return bands.sort((a, b) => a.lane - b.lane || a.first - b.first);
}
