import { describe, expect, it } from 'vitest';
import type { FrameSetItem } from '../../../core/item';
import { TEST_SAH_MANIFEST } from '../../../core/testing/models';
import { frameRunChoices } from './frameRunChoices';

const FRAMES: FrameSetItem = {
  kind: 'frameSet',
  source: 'images',
  frames: ['f0', 'f1', 'f2', 'f3'].map((targetId) => ({ targetId, fileId: `file-${targetId}`, videoFrame: null, width: 64, height: 48 })),
};
const noFrame = () => Promise.reject(new Error('not read here'));

describe('the runs offered on a frame set', () => {
  it('are this frame and every frame, with the selected frames once more than one is selected', () => {
    expect(frameRunChoices(FRAMES, { current: 1, selected: [], count: 4 }, noFrame).map((c) => c.scope)).toEqual(['currentFrame', 'allFrames']);
    expect(frameRunChoices(FRAMES, { current: 1, selected: [1], count: 4 }, noFrame).map((c) => c.scope)).toEqual(['currentFrame', 'allFrames']);
    const choices = frameRunChoices(FRAMES, { current: 1, selected: [0, 2], count: 4 }, noFrame);
    expect(choices.map((c) => c.scope)).toEqual(['currentFrame', 'selectedFrames', 'allFrames']);
    expect(choices.map((c) => c.inputs(TEST_SAH_MANIFEST).length)).toEqual([1, 2, 4]);
  });
});
