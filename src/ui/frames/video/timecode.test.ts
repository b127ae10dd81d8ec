import { describe, expect, it } from 'vitest';
import { formatTimecode, framesPerSecondStep } from './timecode';

describe('formatTimecode', () => {
  it('shows minutes, seconds and the frame inside the second', () => {
    expect(formatTimecode(0, 25)).toBe('00:00.00');
    expect(formatTimecode(24, 25)).toBe('00:00.24');
    expect(formatTimecode(25, 25)).toBe('00:01.00');
    expect(formatTimecode(25 * 61 + 3, 25)).toBe('01:01.03');
  });

  it('counts a fractional rate (29.97) as whole frames per second, so neighbours never share a time', () => {
    expect(formatTimecode(29, 29.97)).toBe('00:00.29');
    expect(formatTimecode(30, 29.97)).toBe('00:01.00');
    expect(framesPerSecondStep(29.97)).toBe(30);
    expect(framesPerSecondStep(0)).toBe(1);
  });
});
