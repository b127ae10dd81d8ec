import { describe, expect, it } from 'vitest';
import { firstFrameSetMode } from './frameSetMode';

describe('firstFrameSetMode', () => {
  it('opens a video with a question about runs of frames in the player, everything else in the grid', () => {
    expect(firstFrameSetMode({ source: 'video' }, ['frameRange', 'frame'])).toBe('player');
    expect(firstFrameSetMode({ source: 'video' }, ['frame', 'image'])).toBe('grid');
    expect(firstFrameSetMode({ source: 'images' }, ['frameRange'])).toBe('grid');
  });
});
