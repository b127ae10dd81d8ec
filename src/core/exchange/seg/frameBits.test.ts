import { describe, expect, it } from 'vitest';
import { packFrames, unpackFrame } from './frameBits';

describe('BINARY SEG pixel data', () => {
  it('puts the first pixel in the least significant bit', () => {
    expect([...packFrames([Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 1, 0, 1])], 10)]).toEqual([0b1000_0001, 0b10]);
  });

  it('packs frames with no padding between them, so a frame may start inside a byte, and pads the whole to even length', () => {
    // Three frames of 3 pixels: 9 bits in 2 bytes.
    const frames = [Uint8Array.from([1, 1, 0]), Uint8Array.from([0, 0, 1]), Uint8Array.from([1, 0, 1])];
    const packed = packFrames(frames, 3);
    expect([...packed]).toEqual([0b0110_0011, 0b1]);
    expect([0, 1, 2].map((i) => [...unpackFrame(packed, i, 3)])).toEqual(frames.map((f) => [...f]));
    expect(packFrames([Uint8Array.from([1])], 1).length).toBe(2);
  });

  it('refuses a frame of the wrong size and a frame past the data', () => {
    expect(() => packFrames([new Uint8Array(4)], 5)).toThrow('frame 0 has 4 pixels, expected 5');
    expect(() => unpackFrame(new Uint8Array(2), 2, 8)).toThrow('pixel data ends before frame 3');
  });
});
