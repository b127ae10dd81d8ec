import { describe, expect, it } from 'vitest';
import { chooseReformatView, parseReformatView } from './reformatViewChoice';

describe('chooseReformatView', () => {
  it('gives CPU rendering the canvas views whatever is asked, GPU the volume viewport unless the canvas is asked for', () => {
    expect(chooseReformatView('cpu', 'volume')).toBe('canvas');
    expect(chooseReformatView('cpu', null)).toBe('canvas');
    expect(chooseReformatView('gpu', null)).toBe('volume');
    expect(chooseReformatView('gpu', 'canvas')).toBe('canvas');
    expect(chooseReformatView('gpu', 'volume')).toBe('volume');
  });

  it('reads ?reformat= and ignores anything else', () => {
    expect(parseReformatView('volume')).toBe('volume');
    expect(parseReformatView('canvas')).toBe('canvas');
    expect(parseReformatView('gpu')).toBeNull();
    expect(parseReformatView(null)).toBeNull();
  });
});
