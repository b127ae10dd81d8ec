import { describe, expect, it } from 'vitest';
import type { FrameRef } from '../core/item';
import { frameRunInputs, framesToRun } from './frameInputs';

const frame = (targetId: string): FrameRef => ({ targetId, fileId: `file-${targetId}`, videoFrame: null, width: 480, height: 360 });

describe('the frames a run reads', () => {
  it('is the current frame alone', () => {
    expect(framesToRun('currentFrame', { current: 3, selected: [1, 2], count: 5 })).toEqual([3]);
    expect(framesToRun('currentFrame', { current: 5, selected: [], count: 5 })).toEqual([]);
  });

  it('is the selection ascending, once each, without frames the item lacks', () => {
    expect(framesToRun('selectedFrames', { current: 0, selected: [4, 1, 4, 9, -1], count: 5 })).toEqual([1, 4]);
    expect(framesToRun('selectedFrames', { current: 0, selected: [], count: 5 })).toEqual([]);
  });

  it('is every frame from the current one round to the one before it', () => {
    expect(framesToRun('allFrames', { current: 2, selected: [], count: 5 })).toEqual([2, 3, 4, 0, 1]);
    expect(framesToRun('allFrames', { current: 0, selected: [], count: 3 })).toEqual([0, 1, 2]);
    expect(framesToRun('allFrames', { current: 0, selected: [], count: 0 })).toEqual([]);
  });
});

describe('the run inputs of frames', () => {
  it('reads each frame named, in the order given, by its target id, only when the run asks', async () => {
    const loaded: string[] = [];
    const inputs = frameRunInputs([frame('a'), frame('b'), frame('c')], [2, 0, 7], async (targetId) => {
      loaded.push(targetId);
      throw new Error('not decoded here');
    });
    expect(inputs).toHaveLength(2);
    expect(loaded).toEqual([]);
    await expect(inputs[0]?.read()).rejects.toThrow('not decoded here');
    await expect(inputs[1]?.read()).rejects.toThrow('not decoded here');
    expect(loaded).toEqual(['c', 'a']);
  });

  it('sends each frame as its file with its recorded width, decoding nothing on the page', async () => {
    const served = new Blob([new Uint8Array([0xff, 0xd8])], { type: 'image/jpeg' });
    const [input] = frameRunInputs([frame('a')], [0], async () => served);
    expect(await input?.read()).toEqual({ kind: 'encodedImage', targetId: 'a', image: served, recordedWidth: 480 });
  });
});
