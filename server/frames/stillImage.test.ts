import { describe, expect, it } from 'vitest';
import { decodeFailureWords } from './stillImage';

describe('decodeFailureWords', () => {
  it("keeps libvips's own words", () => {
    expect(decodeFailureWords(new Error('VipsJpeg: premature end of JPEG image'))).toBe('VipsJpeg: premature end of JPEG image');
  });

  it("drops sharp's generic failOn line and keeps the warning after it", () => {
    const error = new Error('Warning treated as error due to failOn setting\nVipsJpeg: premature end of JPEG image');
    expect(decodeFailureWords(error)).toBe('VipsJpeg: premature end of JPEG image');
  });

  it('says what the generic line means when no warning reached this decode', () => {
    expect(decodeFailureWords(new Error('Warning treated as error due to failOn setting'))).toMatch(/damaged or cut short/);
  });
});
