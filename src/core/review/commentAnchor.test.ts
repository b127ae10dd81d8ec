import { describe, expect, it } from 'vitest';
import { anchorTarget, checkCommentAnchor, MAX_ANCHOR_VERTICES, type TargetLookup } from './commentAnchor';

const lookup: TargetLookup = (targetId) => (targetId === 'slice-1' ? { width: 100, height: 50 } : undefined);

describe('checkCommentAnchor', () => {
  it('accepts each kind of anchor on a target of the item', () => {
    expect(checkCommentAnchor({ kind: 'item' }, lookup)).toEqual({ ok: true, value: { kind: 'item' } });
    expect(checkCommentAnchor({ kind: 'target', targetId: 'slice-1' }, lookup)).toEqual({ ok: true, value: { kind: 'target', targetId: 'slice-1' } });
    expect(checkCommentAnchor({ kind: 'point', targetId: 'slice-1', x: 100, y: 0 }, lookup)).toEqual({ ok: true, value: { kind: 'point', targetId: 'slice-1', x: 100, y: 0 } });
    const polygon = [[0, 0], [10, 0], [10, 50]];
    expect(checkCommentAnchor({ kind: 'region', targetId: 'slice-1', polygon }, lookup)).toEqual({ ok: true, value: { kind: 'region', targetId: 'slice-1', polygon } });
  });

  it('names what is wrong with an anchor it refuses', () => {
    const errorOf = (value: unknown) => {
      const result = checkCommentAnchor(value, lookup);
      return result.ok ? null : result.errors[0];
    };
    expect(errorOf(null)).toBe('anchor: must be an object with a kind');
    expect(errorOf({ kind: 'circle' })).toBe('anchor: kind must be item, target, point or region');
    expect(errorOf({ kind: 'item', targetId: 'slice-1' })).toBe('anchor: a item anchor has no targetId');
    expect(errorOf({ kind: 'target' })).toBe('anchor: a target anchor needs a targetId');
    expect(errorOf({ kind: 'target', targetId: 'slice-9' })).toBe('anchor: slice-9 is not a slice or frame of this item');
    expect(errorOf({ kind: 'point', targetId: 'slice-1', x: '1', y: 2 })).toBe('anchor: a point anchor needs numbers x and y');
    expect(errorOf({ kind: 'point', targetId: 'slice-1', x: 101, y: 2 })).toBe('anchor: point (101, 2) lies outside the 100×50 image');
    expect(errorOf({ kind: 'region', targetId: 'slice-1', polygon: [[0, 0], [1, 1]] })).toMatch(/polygon of 3 to 1000/);
    expect(errorOf({ kind: 'region', targetId: 'slice-1', polygon: [[0, 0], [1, 1], [2]] })).toBe('anchor: polygon[2] must be [x, y] numbers');
    expect(errorOf({ kind: 'region', targetId: 'slice-1', polygon: [[0, 0], [1, 1], [2, -1]] })).toBe('anchor: polygon[2] (2, -1) lies outside the 100×50 image');
    const tooMany = Array.from({ length: MAX_ANCHOR_VERTICES + 1 }, (_, i) => [i % 100, 1]);
    expect(errorOf({ kind: 'region', targetId: 'slice-1', polygon: tooMany })).toMatch(/polygon of 3 to/);
  });

  it('keeps only the fields of the anchor kind', () => {
    const result = checkCommentAnchor({ kind: 'point', targetId: 'slice-1', x: 1.5, y: 2 }, lookup);
    expect(result.ok && Object.keys(result.value)).toEqual(['kind', 'targetId', 'x', 'y']);
  });
});

describe('anchorTarget', () => {
  it('is the slice an anchor is on, or null for the whole item', () => {
    expect(anchorTarget({ kind: 'item' })).toBeNull();
    expect(anchorTarget({ kind: 'point', targetId: 's', x: 0, y: 0 })).toBe('s');
  });
});
