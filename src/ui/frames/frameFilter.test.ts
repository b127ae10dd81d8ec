import { describe, expect, it } from 'vitest';
import type { AnnotationRecord, Provenance, TargetLabel } from '../../core/annotation';
import type { RecordDiff } from '../../core/diff';
import { FUNDUS_GRADING_LABEL_SET, UC_ENDOSCOPY_LABEL_SET } from '../../core/labelSets/builtin';
import { RecordStore } from '../../core/recordStore';
import { modelProvenance, shapeRecord } from '../../core/testing/records';
import { frameAfter, framePasses, type FrameFilter } from './frameFilter';
import { frameQuestions, walksAllQuestionsByDefault } from './frameQuestions';
import { framesChangedBy, ShownFrames } from './shownFrames';

const human: Provenance = { origin: { kind: 'human' }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', authors: ['u'] };
const proposal: Provenance = {
  origin: { kind: 'model', modelId: 'm', version: '1', contentHash: 'h', runId: 'r', score: 0.9 },
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  authors: [],
  decision: 'pending',
};
const FRAMES = 6;
const targetIds = Array.from({ length: FRAMES }, (_, frame) => `f${frame}`);
const frameOf = new Map(targetIds.map((id, frame) => [id, frame]));
const label = (frame: number, code: string, provenance = human): TargetLabel => ({ type: 'label', id: `l${frame}`, questionId: 'mayo', targetId: `f${frame}`, classCodes: [code], provenance });
const added = (...records: AnnotationRecord[]): RecordDiff => Object.fromEntries(records.map((record) => [record.id, [null, record]]));

/** A document holding the frames' answers to `mayo`, and the grid's list under `filter` kept from its diffs (`question`: null for a label set of boxes alone). */
function grid(filter: FrameFilter, question: string | null = 'mayo') {
  const document = new RecordStore({ itemId: 'i', annotatorId: 'u', labelSetId: 'uc', labelSetVersion: 1 });
  document.apply(added(label(1, 'mayo.0'), label(2, 'mayo.2'), label(4, 'mayo.2', proposal)));
  const shown = new ShownFrames(FRAMES, (frame) => framePasses(filter, document, question ?? undefined, targetIds[frame] as string));
  document.watch((diff) => shown.update(framesChangedBy(diff, frameOf), 0));
  return { document, shown };
}

describe('frame filters', () => {
  it('shows all, untagged (a pending proposal is not an answer), pending proposals, one class', () => {
    expect(grid({ kind: 'all' }).shown.frames).toEqual([0, 1, 2, 3, 4, 5]);
    expect(grid({ kind: 'untagged' }).shown.frames).toEqual([0, 3, 4, 5]);
    expect(grid({ kind: 'pending' }).shown.frames).toEqual([4]);
    expect(grid({ kind: 'class', code: 'mayo.2' }).shown.frames).toEqual([2]);
  });
  it('counts a frame whose box proposal waits as pending, and lets it go once the box is decided', () => {
    const { document, shown } = grid({ kind: 'pending' });
    const box = shapeRecord('box-3', 'f3', undefined, 'text.burnedIn', modelProvenance('ppocr-text-det'), 'text');
    document.apply(added(box, shapeRecord('drawn-5', 'f5', undefined, 'text.burnedIn', human, 'text')));
    expect(shown.frames).toEqual([3, 4]);
    document.apply({ [box.id]: [box, { ...box, provenance: { ...box.provenance, decision: 'accepted', decidedBy: 'u' } }] });
    expect(shown.frames).toEqual([4]);
  });
  it('filters a label set of boxes alone (no frame question) by its pending boxes', () => {
    const { document, shown } = grid({ kind: 'pending' }, null);
    expect(shown.frames).toEqual([]);
    document.apply(added(shapeRecord('box-2', 'f2', undefined, 'text.burnedIn', modelProvenance('ppocr-text-det'), 'text')));
    expect(shown.frames).toEqual([2]);
    expect(grid({ kind: 'untagged' }, null).shown.frames).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('moves on to the next frame shown, staying on the last', () => {
    expect(frameAfter([0, 3, 4, 5], 1)).toBe(4);
    expect(frameAfter([0, 3, 4, 5], 3)).toBe(5);
    expect(frameAfter([], 0)).toBeNull();
  });
});

describe('question walk', () => {
  it('walks every question of a fundus photograph, one question through endoscopy frames', () => {
    expect(walksAllQuestionsByDefault(frameQuestions(FUNDUS_GRADING_LABEL_SET))).toBe(true);
    expect(walksAllQuestionsByDefault(frameQuestions(UC_ENDOSCOPY_LABEL_SET))).toBe(false);
  });
});
