import { describe, expect, it } from 'vitest';
import { chooseDrawer } from './drawerChoice';

describe('slide drawer choice', () => {
  it('defaults to canvas', () => {
    expect(chooseDrawer('', null)).toBe('canvas');
    expect(chooseDrawer('?foo=1', 'bogus')).toBe('canvas');
  });

  it('takes the local setting, and the address over it', () => {
    expect(chooseDrawer('', 'webgl')).toBe('webgl');
    expect(chooseDrawer('?drawer=canvas', 'webgl')).toBe('canvas');
    expect(chooseDrawer('?x=1&drawer=webgl', null)).toBe('webgl');
  });
});
