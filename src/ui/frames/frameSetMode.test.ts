import { describe, expect, it } from 'vitest';
import { firstFrameSetMode, modeForKey } from './frameSetMode';

describe('firstFrameSetMode', () => {
  it('opens a video with a question about runs of frames in the player, everything else in the grid', () => {
    expect(firstFrameSetMode({ source: 'video' }, ['frameRange', 'frame'])).toBe('player');
    expect(firstFrameSetMode({ source: 'video' }, ['frame', 'image'])).toBe('grid');
    expect(firstFrameSetMode({ source: 'images' }, ['frameRange'])).toBe('grid');
  });
});

describe('modeForKey', () => {
  const press = (key: string, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });
  it('switches to the player with V and back to the grid with G, either case', () => {
    expect(modeForKey(press('v'), 'grid', [])).toBe('player');
    expect(modeForKey(press('G'), 'player', [])).toBe('grid');
  });
  it('leaves the mode shown, modified keys and keys a class answers alone', () => {
    expect(modeForKey(press('g'), 'grid', [])).toBeNull();
    expect(modeForKey(press('v', { ctrlKey: true }), 'grid', [])).toBeNull();
    expect(modeForKey(press('v'), 'grid', ['1', 'V'])).toBeNull();
    expect(modeForKey(press('x'), 'grid', [])).toBeNull();
  });
});
