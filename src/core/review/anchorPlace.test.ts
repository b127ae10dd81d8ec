import { describe, expect, it } from 'vitest';
import { anchorPlace } from './anchorPlace';

const slices = ['s1', 's2', 's3'];

describe('anchor places', () => {
  it('names the kind of place and its slice, 1-based in reading order', () => {
    expect(anchorPlace({ kind: 'point', targetId: 's3', x: 1, y: 2 }, slices)).toEqual({ kind: 'point', slice: 3 });
    expect(anchorPlace({ kind: 'target', targetId: 's1' }, slices)).toEqual({ kind: 'target', slice: 1 });
    expect(anchorPlace({ kind: 'region', targetId: 's2', polygon: [[0, 0], [1, 0], [1, 1]] }, slices)).toEqual({ kind: 'region', slice: 2 });
  });

  it('reads a whole-item anchor, and one on a target the item lacks, as the whole item', () => {
    expect(anchorPlace({ kind: 'item' }, slices)).toEqual({ kind: 'item' });
    expect(anchorPlace({ kind: 'point', targetId: 'elsewhere', x: 1, y: 2 }, slices)).toEqual({ kind: 'item' });
  });
});
