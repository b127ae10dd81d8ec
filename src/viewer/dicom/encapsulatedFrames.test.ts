import { describe, expect, it } from 'vitest';
import { groupFragmentsByMarkers } from './encapsulatedFrames';

const jpegStart = (n: number) => Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, n]);
const j2kStart = (n: number) => Uint8Array.from([0xff, 0x4f, 0xff, 0x51, n]);
const middle = (n: number) => Uint8Array.from([0x12, 0x34, n]);

describe('groupFragmentsByMarkers', () => {
  it('starts a frame at each fragment that begins with a JPEG start of image', () => {
    const fragments = [jpegStart(1), middle(1), middle(2), jpegStart(2), jpegStart(3), middle(3)];
    const groups = groupFragmentsByMarkers(fragments, 3);
    expect(groups?.map((group) => group.map((fragment) => fragment.at(-1)))).toEqual([[1, 1, 2], [2], [3, 3]]);
  });

  it('finds JPEG 2000 codestreams too', () => {
    expect(groupFragmentsByMarkers([j2kStart(1), middle(1), j2kStart(2), middle(2)], 2)).toHaveLength(2);
  });

  it('answers null when the markers do not give the declared number of frames', () => {
    expect(groupFragmentsByMarkers([jpegStart(1), middle(1), jpegStart(2)], 3)).toBeNull();
    expect(groupFragmentsByMarkers([middle(1), jpegStart(2)], 2)).toBeNull();
    expect(groupFragmentsByMarkers([], 1)).toBeNull();
  });
});
