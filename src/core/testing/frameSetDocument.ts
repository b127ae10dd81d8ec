/**
 * A frame set's document with one record of every kind the COCO and frame CSV exports meet: frame
 * answers (single and multiple choice, a person's and a model's), a frame range, a whole-item
 * answer, outlines of every exportable shape and a mask, and what they leave out (a point, an
 * empty mask, a rejected proposal).
 */
import type { AnnotationRecord, Geometry, Mask, Provenance, Shape } from '../annotation';
import { UC_ENDOSCOPY_LABEL_SET } from '../labelSets/builtin';
import type { LabelSet } from '../labelSet';
import { encodeRuns } from '../mask';
import { frameSetItem, humanProvenance, labelRecord, maskRecord, modelProvenance, question } from './records';

/** The built-in endoscopy set with a frame-range, a multiple-choice frame and a whole-item question added. */
export const FRAME_TEST_LABEL_SET: LabelSet = {
  ...UC_ENDOSCOPY_LABEL_SET,
  questions: [
    ...UC_ENDOSCOPY_LABEL_SET.questions,
    question('extent', 'frameRange', 'single', ['extent.active', 'extent.healed'], { keys: ['i', 'h'], required: false }),
    question('findings', 'frame', 'multiple', ['findings.blood', 'findings.mucus'], { keys: ['b', 'm'], required: false }),
    question('quality', 'series', 'single', ['quality.good', 'quality.poor'], { keys: [undefined, undefined], required: false }),
  ],
};

/** Four frames `frame-1`…`frame-4`; the third is smaller. */
export const FRAME_TEST_ITEM = frameSetItem([
  [640, 480],
  [640, 480],
  [320, 240],
  [640, 480],
]);

const lesion = (id: string, targetId: string, classCode: string, geometry: Geometry, provenance: Provenance = humanProvenance()): Shape => ({
  type: 'shape',
  id,
  questionId: 'lesion',
  targetId,
  classCode,
  geometry,
  provenance,
});

/** A labelmap of frame 3 (320×240) with a 2×3 block set at x 10–11, y 5–7. */
function blockMask(): Mask {
  const pixels = new Uint8Array(320 * 240);
  for (let y = 5; y <= 7; y += 1) pixels.fill(1, y * 320 + 10, y * 320 + 12);
  return { ...maskRecord('frame-3', 'lesion.polyp', humanProvenance(), { questionId: 'lesion' }), width: 320, height: 240, runs: encodeRuns(pixels) };
}

/** Outlines and masks COCO holds, one of each shape. */
export const FRAME_TEST_REGIONS: readonly (Shape | Mask)[] = [
  lesion('box', 'frame-1', 'lesion.ulcer', { type: 'rectangle', topLeft: [10, 20], bottomRight: [110, 70] }),
  lesion('holed', 'frame-2', 'lesion.erosion', {
    type: 'polygon',
    points: [[100, 100], [300, 100], [300, 300], [100, 300]],
    holes: [[[150, 150], [150, 200], [200, 200], [200, 150]]],
  }),
  lesion('parts', 'frame-3', 'lesion.polyp', {
    type: 'multiPolygon',
    polygons: [{ points: [[10, 10], [50, 10], [30, 40]] }, { points: [[200, 100], [300, 100], [300, 200], [200, 200]] }],
  }),
  blockMask(),
  lesion('oval', 'frame-4', 'lesion.bleeding', { type: 'ellipse', center: [320, 240], radii: [100, 50], rotation: 0.5 }),
  lesion('proposed', 'frame-4', 'lesion.ulcer', { type: 'polygon', points: [[10, 10], [60, 10], [60, 40]] }, modelProvenance('lesion-net', '2.0.0')),
];

const rejected: Provenance = { ...modelProvenance('lesion-net', '2.0.0'), decision: 'rejected', decidedBy: 'u1' };
const accepted: Provenance = { ...modelProvenance('mayo-net', '1.0.0'), decision: 'accepted', decidedBy: 'u1', authors: ['u1'] };

/** Answers COCO holds: image attributes, a range and an item answer. */
export const FRAME_TEST_LABELS: readonly AnnotationRecord[] = [
  labelRecord('frame-1', ['mayo.2'], humanProvenance(), 'mayo'),
  labelRecord('frame-1', ['site.rectum'], humanProvenance(), 'site'),
  labelRecord('frame-1', ['findings.blood', 'findings.mucus'], humanProvenance(), 'findings'),
  labelRecord('frame-2', ['mayo.3'], accepted, 'mayo'),
  { ...labelRecord('frame-2', ['extent.active'], humanProvenance(), 'extent'), endTargetId: 'frame-4' },
  labelRecord('video-1', ['quality.good'], humanProvenance(), 'quality'),
];

/** Records COCO has no place for, or that no export carries. */
export const FRAME_TEST_LEFT_OUT: readonly AnnotationRecord[] = [
  lesion('dot', 'frame-3', 'lesion.other', { type: 'point', point: [5, 5] }),
  { ...maskRecord('frame-4', 'lesion.ulcer', humanProvenance(), { questionId: 'lesion' }), width: 640, height: 480, runs: [640 * 480] },
  lesion('refused', 'frame-4', 'lesion.ulcer', { type: 'polygon', points: [[0, 0], [9, 0], [9, 9]] }, rejected),
];

export const FRAME_TEST_RECORDS: readonly AnnotationRecord[] = [...FRAME_TEST_LABELS, ...FRAME_TEST_REGIONS, ...FRAME_TEST_LEFT_OUT];
