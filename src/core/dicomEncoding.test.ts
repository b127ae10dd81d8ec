import { describe, expect, it } from 'vitest';
import { ITEM_TAG, PIXEL_DATA_TAG, SEQUENCE_DELIMITER_TAG, tagAt } from './dicomEncoding';

describe('tagAt', () => {
  it('reads a little-endian header group first, as (group << 16) | element, unsigned', () => {
    const bytes = Uint8Array.of(0x00, 0xe0, 0x7f, 0x10, 0x00, 0xfe, 0xff, 0x00, 0xe0, 0xfe, 0xff, 0xdd, 0xe0);
    const view = new DataView(bytes.buffer);
    expect(tagAt(view, 1)).toBe(PIXEL_DATA_TAG);
    expect(tagAt(view, 5)).toBe(ITEM_TAG);
    expect(tagAt(view, 9)).toBe(SEQUENCE_DELIMITER_TAG);
    expect(tagAt(view, 9)).toBeGreaterThan(0);
  });
});
