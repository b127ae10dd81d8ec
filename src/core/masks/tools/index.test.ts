import { describe, expect, it } from 'vitest';
import { TOOLS } from '../../tools';
import { findMaskTool, MASK_TOOLS, maskToolForKey } from '.';

describe('mask tool registry', () => {
  it('lists each tool once with its own key, clear of the CT reading keys, the brush size keys and the outline tools', () => {
    const keys = MASK_TOOLS.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    // Reading tools, presets, cine, corner text, reformat, proposals (src/ui/item), brush size.
    for (const key of keys) expect('wlnerbdkto0cim+-=_ax[]123456789').not.toContain(key);
    expect(keys.filter((k) => TOOLS.some((t) => t.key === k))).toEqual([]);
    expect(maskToolForKey('g')?.id).toBe('maskBrush');
    expect(maskToolForKey('z')).toBeUndefined();
    expect(() => findMaskTool('nope' as never)).toThrow('no mask tool "nope"');
  });

  it('keeps each activated tool state apart', () => {
    const a = findMaskTool('maskBrush').activate();
    const b = findMaskTool('maskBrush').activate();
    expect(a).not.toBe(b);
    expect(MASK_TOOLS.map((t) => t.messageKey)).toEqual(['maskTool.maskBrush', 'maskTool.maskEraser', 'maskTool.thresholdBrush', 'maskTool.contourFill', 'maskTool.floodFill']);
  });
});
