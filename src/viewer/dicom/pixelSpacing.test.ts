import { describe, expect, it } from 'vitest';
import { parsePixelSpacing } from './pixelSpacing';

describe('parsePixelSpacing', () => {
  it('reads row and column spacing in mm', () => {
    expect(parsePixelSpacing('0.488281\\0.488281')).toEqual([0.488281, 0.488281]);
    expect(parsePixelSpacing(' 0.2 \\ 0.3 ')).toEqual([0.2, 0.3]);
  });

  it('treats zero, negative, non-numeric, missing or extra values as no spacing', () => {
    for (const text of ['0\\0', '0.5\\0', '-0.1\\0.1', 'abc\\0.1', '0.1', '0.1\\0.1\\0.1', '\\0.1', 'NaN\\1', 'Infinity\\1', '', null]) {
      expect(parsePixelSpacing(text), String(text)).toBeNull();
    }
  });
});
