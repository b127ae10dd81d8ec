import { describe, expect, it } from 'vitest';
import { directionLetters, edgeMarkers } from './orientationMarkers';

describe('orientation markers', () => {
  it('puts R on the left and A at the top of an axial slice (as radiologists read it)', () => {
    expect(edgeMarkers([1, 0, 0, 0, 1, 0])).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
  });

  it('marks a coronal slice with S at the top', () => {
    expect(edgeMarkers([1, 0, 0, 0, 0, -1])).toEqual({ left: 'R', right: 'L', top: 'S', bottom: 'I' });
  });

  it('marks a sagittal slice with A on the left', () => {
    expect(edgeMarkers([0, 1, 0, 0, 0, -1])).toEqual({ left: 'A', right: 'P', top: 'S', bottom: 'I' });
  });

  it('names both directions of the GE head CT\'s tilted column (18.5°), strongest first', () => {
    expect(edgeMarkers([1, 0, 0, 0, 0.9483237, -0.3173047])).toEqual({ left: 'R', right: 'L', top: 'AS', bottom: 'PI' });
  });

  it('leaves out a component too small to matter', () => {
    expect(directionLetters([0.99, 0.1, 0])).toBe('L');
    expect(directionLetters([-0.6, 0, 0.8])).toBe('SR');
  });
});
