/** Small builders of items, label sets, documents and records for tests across core, client and server. */
import type { AnnotationRecord, DocumentKey, Geometry, Mask, Provenance, Shape, TargetLabel } from '../annotation';
import type { CommandContext } from '../commands/types';
import type { RecordDiff } from '../diff';
import { DocumentEditor, type ChangeOrigin } from '../documentEditor';
import type { Item } from '../item';
import type { AnswerKind, LabelClass, LabelSet, Question, QuestionTarget } from '../labelSet';
import { maskId, targetLabelId } from '../recordIds';
import { ItemTargets } from '../targets';

export const T0 = '2024-05-01T08:00:00.000Z';

export function humanProvenance(authorId = 'u1', at = T0): Provenance {
  return { origin: { kind: 'human' }, createdAt: at, updatedAt: at, authors: [authorId] };
}

export function modelProvenance(modelId = 'sah-net', version = '1.0.0', at = T0): Provenance {
  return {
    origin: { kind: 'model', modelId, version, contentHash: 'a'.repeat(64), runId: 'run-1', threshold: 0.5, score: 0.9 },
    createdAt: at,
    updatedAt: at,
    authors: [],
    decision: 'pending',
  };
}

export function labelRecord(targetId: string, classCodes: readonly string[], provenance = humanProvenance(), questionId = 'sah'): TargetLabel {
  return { type: 'label', id: targetLabelId(questionId, targetId), questionId, targetId, classCodes, provenance };
}

export function shapeRecord(
  id: string,
  targetId: string,
  geometry: Geometry = { type: 'point', point: [1, 2] },
  classCode = 'lesion',
  provenance = humanProvenance(),
  questionId = 'lesion',
): Shape {
  return { type: 'shape', id, questionId, targetId, classCode, geometry, provenance };
}

/** A 4×3 labelmap with two set pixels (fits no real image: validate it without targets, or size it). */
export function maskRecord(
  targetId: string,
  classCode = 'lesion',
  provenance = humanProvenance(),
  { width = 4, height = 3, runs = [5, 2, 5] as readonly number[], questionId = 'lesion' } = {},
): Mask {
  return { type: 'mask', id: maskId(questionId, targetId, classCode), questionId, targetId, classCode, width, height, runs, provenance };
}

export const DOC_KEY: DocumentKey = { itemId: 'item-1', annotatorId: 'u1', labelSetId: 'sah-slice', labelSetVersion: 1 };

/** A series item of `count` 64×64 slices `slice-1`…`slice-N`. */
export function seriesItem(count = 5, id = 'item-1'): Item {
  return {
    id,
    datasetId: 'ds-1',
    title: 'Series',
    content: {
      kind: 'series',
      modality: 'CT',
      studyInstanceUid: '1.2',
      seriesInstanceUid: '1.2.3',
      seriesDescription: 'Head',
      orientation: [1, 0, 0, 0, 1, 0],
      rows: 64,
      columns: 64,
      pixelSpacing: [0.5, 0.5],
      slices: Array.from({ length: count }, (_, i) => ({
        targetId: `slice-${i + 1}`,
        fileId: `file-${i + 1}`,
        sopInstanceUid: `1.2.3.${i + 1}`,
        instanceNumber: i + 1,
        position: [0, 0, i * 5] as const,
      })),
    },
  };
}

/** A frame set `frame-1`…`frame-N`, one frame per size (width, height in px). */
export function frameSetItem(sizes: readonly (readonly [number, number])[] = [[640, 480], [640, 480], [320, 240]], id = 'video-1'): Item {
  return {
    id,
    datasetId: 'ds-1',
    title: 'Colonoscopy',
    content: {
      kind: 'frameSet',
      source: 'video',
      frames: sizes.map(([width, height], i) => ({ targetId: `frame-${i + 1}`, fileId: 'video', videoFrame: i, width, height })),
    },
  };
}

/** A slide of `width`×`height` level-0 px with one 4× level. */
export function slideItem(width = 100_000, height = 80_000, id = 'slide-1'): Item {
  return {
    id,
    datasetId: 'ds-1',
    title: 'Slide',
    content: {
      kind: 'slide',
      levels: [
        { width, height, downsample: 1 },
        { width: Math.ceil(width / 4), height: Math.ceil(height / 4), downsample: 4 },
      ],
      micronsPerPixel: [0.25, 0.25],
      tileSize: 256,
      tileFormat: 'jpeg',
      tileVersion: '0123456789abcdef',
      objectivePower: 40,
      scanner: null,
    },
  };
}

const COLORS = ['#d62728', '#2ca02c', '#ffbf00', '#1f77b4', '#9467bd'];

/** A question with classes `codes` (keys `1`, `2`… unless `keys` says otherwise). */
export function question(
  id: string,
  target: QuestionTarget,
  kind: AnswerKind,
  codes: readonly string[],
  extra: Partial<Question> & { readonly keys?: readonly (string | undefined)[] } = {},
): Question {
  const { keys, ...rest } = extra;
  const classes: LabelClass[] = codes.map((code, i) => {
    const key = keys ? keys[i] : String(i + 1);
    return { code, name: { en: code, ja: code }, color: COLORS[i % COLORS.length]!, ...(key === undefined ? {} : { key }) };
  });
  return { id, name: { en: id, ja: id }, target, kind, classes, required: true, ...rest };
}

/**
 * A head-CT set with one question of each shape the tests need: `sah` (slice, single, with an
 * item answer), `ich` (slice, multiple), `lesion` (region), `quality` (series) and `artifact`
 * (frameRange). The builders' defaults (`labelRecord`, `shapeRecord`, `maskRecord`) answer it.
 */
export const TEST_LABEL_SET: LabelSet = {
  id: 'sah-slice',
  version: 1,
  name: { en: 'Head CT', ja: '頭部CT' },
  questions: [
    question('sah', 'slice', 'single', ['sah.present', 'sah.absent', 'sah.uncertain'], {
      itemAnswer: { kind: 'priority', priority: ['sah.present', 'sah.uncertain', 'sah.absent'] },
    }),
    question('ich', 'slice', 'multiple', ['ich.epidural', 'ich.subdural', 'ich.subarachnoid'], { required: false }),
    question('lesion', 'region', 'single', ['lesion', 'cyst'], { keys: ['l', 'c'], required: false }),
    question('quality', 'series', 'single', ['good', 'poor'], { keys: [undefined, undefined], required: false }),
    question('artifact', 'frameRange', 'single', ['motion'], { keys: ['m'], required: false }),
  ],
};

/** Endoscopy: a Mayo grade and an anatomical site per frame, polyps outlined. */
export const ENDOSCOPY_LABEL_SET: LabelSet = {
  id: 'uc-endoscopy',
  version: 1,
  name: { en: 'Ulcerative colitis', ja: '潰瘍性大腸炎' },
  questions: [
    question('mayo', 'frame', 'grade', ['mayo.0', 'mayo.1', 'mayo.2', 'mayo.3']),
    question('site', 'frame', 'single', ['rectum', 'sigmoid']),
    question('polyp', 'region', 'single', ['polyp'], { keys: ['p'], required: false }),
  ],
};

/** A clock that moves one second per call from 2024-06-01T00:00:00Z, so every stamp is known. */
export function tickingClock(): { now: () => string; readonly ticks: () => number } {
  let ticks = 0;
  return { now: () => new Date(Date.UTC(2024, 5, 1, 0, 0, ++ticks)).toISOString(), ticks: () => ticks };
}

/** The time `tickingClock` gives on its `n`th call. */
export function tick(n: number): string {
  return new Date(Date.UTC(2024, 5, 1, 0, 0, n)).toISOString();
}

/** A command context with `tickingClock` and ids `id-1`, `id-2`…. */
export function commandContext(labelSet: LabelSet = TEST_LABEL_SET, item: Item = seriesItem(4), userId = 'alice'): CommandContext & { ticks(): number } {
  const clock = tickingClock();
  let ids = 0;
  return { userId, labelSet, targets: new ItemTargets(item), now: clock.now, ticks: clock.ticks, newId: () => `id-${++ids}` };
}

/** An editor over `records` with `tickingClock`, ids `n1`, `n2`…, and a log of what it emitted. */
export function testEditor(
  records: Iterable<AnnotationRecord> = [],
  { labelSet = TEST_LABEL_SET, item = seriesItem(28), userId = 'alice', historyLimit }: { labelSet?: LabelSet; item?: Item; userId?: string; historyLimit?: number } = {},
) {
  let ids = 0;
  const editor = new DocumentEditor({
    key: { ...DOC_KEY, itemId: item.id, labelSetId: labelSet.id, labelSetVersion: labelSet.version },
    records,
    labelSet,
    targets: new ItemTargets(item),
    userId,
    now: tickingClock().now,
    newId: () => `n${++ids}`,
    ...(historyLimit === undefined ? {} : { historyLimit }),
  });
  const events: { origin: ChangeOrigin; diff: RecordDiff }[] = [];
  editor.subscribe((diff, origin) => events.push({ diff, origin }));
  return { editor, events };
}

export function recordsById(records: readonly AnnotationRecord[]): Map<string, AnnotationRecord> {
  return new Map(records.map((r) => [r.id, r]));
}
