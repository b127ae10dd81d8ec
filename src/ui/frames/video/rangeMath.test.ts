import { describe, expect, it } from 'vitest';
import { dragEdge, frameAtX, spanOfMarks } from './rangeMath';

describe('spanOfMarks', () => {
  it('takes both marks, swapping them when set the wrong way round', () => {
    expect(spanOfMarks(10, 20, 0)).toEqual({ first: 10, last: 20 });
    expect(spanOfMarks(20, 10, 0)).toEqual({ first: 10, last: 20 });
  });

  it('uses the current frame for a missing mark', () => {
    expect(spanOfMarks(10, null, 15)).toEqual({ first: 10, last: 15 });
    expect(spanOfMarks(null, 10, 4)).toEqual({ first: 4, last: 10 });
    expect(spanOfMarks(null, null, 7)).toEqual({ first: 7, last: 7 });
  });
});

describe('dragEdge', () => {
  const span = { first: 10, last: 20 };
  it('moves one edge and keeps the other', () => {
    expect(dragEdge(span, 'last', 30, 100)).toEqual({ first: 10, last: 30 });
    expect(dragEdge(span, 'first', 5, 100)).toEqual({ first: 5, last: 20 });
  });

  it('stops at the other edge and at the ends of the video', () => {
    expect(dragEdge(span, 'last', 3, 100)).toEqual({ first: 10, last: 10 });
    expect(dragEdge(span, 'first', 50, 100)).toEqual({ first: 20, last: 20 });
    expect(dragEdge(span, 'last', 500, 100)).toEqual({ first: 10, last: 99 });
    expect(dragEdge(span, 'first', -4, 100)).toEqual({ first: 0, last: 20 });
  });
});

describe('frameAtX', () => {
  it('maps a timeline x to the frame drawn there, clamped to the video', () => {
    expect(frameAtX(0, 1000, 20_000)).toBe(0);
    expect(frameAtX(500, 1000, 20_000)).toBe(10_000);
    expect(frameAtX(1000, 1000, 20_000)).toBe(19_999);
    expect(frameAtX(-5, 1000, 20_000)).toBe(0);
  });
});
