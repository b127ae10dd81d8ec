import { describe, expect, it } from 'vitest';
import type { SeriesItem } from '../core/item';
import { seriesItem } from '../core/testing/records';
import { huOf, huView, seriesInputs, type DecodedSlice } from './seriesInputs';

const decoded = (pixels: ArrayLike<number>, extra: Partial<DecodedSlice> = {}): DecodedSlice => ({ columns: 2, rows: 2, pixels, slope: 1, intercept: -1024, scaled: false, spacing: [0.4, 0.5], color: false, ...extra });

describe('series inputs', () => {
  it('apply rescale slope and intercept to stored values, unless the loader already did', () => {
    expect([...huOf(decoded([0, 1024, 1064, 2024]))]).toEqual([-1024, 0, 40, 1000]);
    expect([...huOf(decoded([0, 10, 20, 30], { slope: 2, intercept: -100 }))]).toEqual([-100, -80, -60, -40]);
    expect([...huOf(decoded([-1000, 0, 40, 80], { scaled: true }))]).toEqual([-1000, 0, 40, 80]);
    expect(() => huOf(decoded([1, 2]))).toThrow(/2 values for 2 × 2/);
  });

  it('read HU in place when the loader holds HU already, else as a computed copy', () => {
    const cached = Int16Array.from([-1000, 0, 40, 80]);
    expect(huView(decoded(cached, { scaled: true }))).toBe(cached);
    const plain = Int16Array.from([-5, 0, 5, 10]);
    expect(huView(decoded(plain, { intercept: 0 }))).toBe(plain);
    const stored = decoded([0, 1024, 1064, 2024]);
    expect(huView(stored)).not.toBe(stored.pixels);
    expect([...(huView(stored) as Float32Array)]).toEqual([-1024, 0, 40, 1000]);
    expect(() => huView(decoded([1, 2], { scaled: true }))).toThrow(/2 values for 2 × 2/);
  });

  it('read each slice only when asked, in series order, as a transferable HU buffer', async () => {
    const series = seriesItem(3).content as SeriesItem;
    const asked: string[] = [];
    const pixels = Int16Array.from([1024, 1024, 1024, 1024]);
    const inputs = seriesInputs(series, async (slice) => {
      asked.push(slice.targetId);
      return decoded(Array.from(pixels), slice.targetId === 'slice-2' ? { spacing: null } : {});
    });
    expect(inputs).toHaveLength(3);
    expect(asked).toEqual([]);
    const second = await inputs[1]!.read();
    expect(asked).toEqual(['slice-2']);
    expect(second).toMatchObject({ kind: 'ctSlice', targetId: 'slice-2', width: 2, height: 2, spacing: [0.5, 0.5] });
    if (second.kind !== 'ctSlice') throw new Error('expected a CT slice');
    expect(second.hu).toBeInstanceOf(Float32Array);
    expect([...second.hu]).toEqual([0, 0, 0, 0]);
    const first = await inputs[0]!.read();
    expect(first.kind === 'ctSlice' && first.spacing).toEqual([0.4, 0.5]);
  });

  it('refuse a colour image with a reason', async () => {
    const series = seriesItem(1).content as SeriesItem;
    const [only] = seriesInputs(series, async () => decoded([0, 0, 0, 0], { color: true }));
    await expect(only!.read()).rejects.toThrow(/colour image, not a CT slice/);
  });
});
