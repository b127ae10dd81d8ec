/** The rendering steps of WADO-RS rendered: query parsing, the VOI functions, grey and colour to 8 bits. */
import { describe, expect, it } from 'vitest';
import type { DecodedFrame } from '../dicom/decode/pixels';
import { BadRenderQuery, renderOptions, toEightBit, voi, type GreyscaleHeader } from './rendered';

const plain: GreyscaleHeader = { slope: 1, intercept: 0, window: null };

describe('renderOptions', () => {
  it('reads window, quality and viewport as PS3.18 §8.3.5 writes them', () => {
    expect(renderOptions({ window: '40,400,sigmoid', quality: '75', viewport: '128,64' }, 'image/jpeg')).toEqual({
      type: 'image/jpeg',
      window: { center: 40, width: 400, voiFunction: 'SIGMOID' },
      quality: 75,
      viewport: { width: 128, height: 64 },
    });
    expect(renderOptions({}, 'image/png')).toEqual({ type: 'image/png', window: null, quality: 90, viewport: null });
    expect(renderOptions({ window: '-600,1500' }, 'image/png').window).toEqual({ center: -600, width: 1500, voiFunction: 'LINEAR' });
  });

  it.each([{ window: '40' }, { window: '40,0' }, { window: '40,80,cubic' }, { quality: '0' }, { viewport: '10,10,0,0,5,5' }, { window: ['1,2', '3,4'] }])('refuses %j', (query) => {
    expect(() => renderOptions(query, 'image/jpeg')).toThrow(BadRenderQuery);
  });
});

describe('voi', () => {
  it('maps the linear window ends to 0 and 255 and its centre to mid-grey', () => {
    const window = { center: 40, width: 81, voiFunction: 'LINEAR' } as const;
    expect(voi(-1, window)).toBe(0);
    expect(voi(81, window)).toBe(255);
    expect(voi(40, window)).toBeCloseTo(((0.5 / 80) + 0.5) * 255);
    expect(voi(40, { center: 40, width: 80, voiFunction: 'LINEAR_EXACT' })).toBeCloseTo(127.5);
    expect(voi(40, { center: 40, width: 80, voiFunction: 'SIGMOID' })).toBeCloseTo(127.5);
  });
});

const grey = (values: number[], photometricInterpretation = 'MONOCHROME2'): DecodedFrame => ({
  pixels: Int16Array.from(values),
  rows: 1,
  columns: values.length,
  samplesPerPixel: 1,
  photometricInterpretation,
});

describe('toEightBit', () => {
  it('applies the rescale before the window, and the file window when the query gives none', () => {
    const header: GreyscaleHeader = { slope: 2, intercept: -1024, window: { center: 0, width: 2, voiFunction: 'LINEAR_EXACT' } };
    expect(Array.from(toEightBit(grey([511, 512, 513]), header, null).samples)).toEqual([0, 128, 255]);
  });

  it('spreads the full range without a window, and inverts MONOCHROME1', () => {
    expect(Array.from(toEightBit(grey([-100, 0, 100]), plain, null).samples)).toEqual([0, 128, 255]);
    expect(Array.from(toEightBit(grey([-100, 0, 100], 'MONOCHROME1'), plain, null).samples)).toEqual([255, 127, 0]);
  });

  it('passes RGB through and converts YBR_FULL to RGB', () => {
    const colour = (photometricInterpretation: string, samples: number[]): DecodedFrame => ({
      pixels: Uint8Array.from(samples),
      rows: 1,
      columns: samples.length / 3,
      samplesPerPixel: 3,
      photometricInterpretation,
    });
    expect(Array.from(toEightBit(colour('RGB', [10, 20, 30]), plain, null).samples)).toEqual([10, 20, 30]);
    // Pure red in YBR_FULL (PS3.3 §C.7.6.3.1.2): Y 76, Cb 85, Cr 255.
    const red = toEightBit(colour('YBR_FULL', [76, 85, 255]), plain, null);
    expect(red.channels).toBe(3);
    expect(Array.from(red.samples).map((v, i) => Math.abs(v - ([255, 0, 0][i] as number)) <= 2)).toEqual([true, true, true]);
  });
});
