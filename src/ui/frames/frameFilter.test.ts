import { describe, expect, it } from 'vitest';
import type { Provenance, TargetLabel } from '../../core/annotation';
import { FUNDUS_GRADING_LABEL_SET, UC_ENDOSCOPY_LABEL_SET } from '../../core/labelSets/builtin';
import { frameAfter, passes, type FrameFilter } from './frameFilter';
import { frameQuestions, walksAllQuestionsByDefault } from './frameQuestions';
import { ShownFrames } from './shownFrames';

const human: Provenance = { origin: { kind: 'human' }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', authors: ['u'] };
const proposal: Provenance = {
  origin: { kind: 'model', modelId: 'm', version: '1', contentHash: 'h', runId: 'r', score: 0.9 },
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  authors: [],
  decision: 'pending',
};
const label = (frame: number, code: string, provenance = human): TargetLabel => ({ type: 'label', id: `l${frame}`, questionId: 'mayo', targetId: `f${frame}`, classCodes: [code], provenance });
const labels = new Map<number, TargetLabel>([
  [1, label(1, 'mayo.0')],
  [2, label(2, 'mayo.2')],
  [4, label(4, 'mayo.2', proposal)],
]);
const show = (filter: FrameFilter) => new ShownFrames(6, (frame) => passes(filter, labels.get(frame))).frames;

describe('frame filters', () => {
  it('shows all, untagged (a pending proposal is not an answer), pending proposals, one class', () => {
    expect(show({ kind: 'all' })).toEqual([0, 1, 2, 3, 4, 5]);
    expect(show({ kind: 'untagged' })).toEqual([0, 3, 4, 5]);
    expect(show({ kind: 'pending' })).toEqual([4]);
    expect(show({ kind: 'class', code: 'mayo.2' })).toEqual([2]);
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
