import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseSliceTimeout, SliceTimeoutError, withSliceTimeout } from '../sliceTimeout';

describe('withSliceTimeout', () => {
  afterEach(() => vi.useRealTimers());

  it('passes the result or failure of work that settles in time', async () => {
    await expect(withSliceTimeout(Promise.resolve('slice'), 1000)).resolves.toBe('slice');
    await expect(withSliceTimeout(Promise.reject(new Error('decode failed')), 1000)).rejects.toThrow('decode failed');
  });

  it('rejects with a SliceTimeoutError and lets the caller clean up once the time is over', async () => {
    vi.useFakeTimers();
    const onTimeout = vi.fn();
    const never = new Promise<never>(() => undefined);
    const result = withSliceTimeout(never, 3000, onTimeout);
    const settled = expect(result).rejects.toBeInstanceOf(SliceTimeoutError);
    await vi.advanceTimersByTimeAsync(2999);
    expect(onTimeout).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await settled;
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });
});

describe('parseSliceTimeout', () => {
  it('reads a positive number of milliseconds and nothing else', () => {
    expect(parseSliceTimeout('3000')).toBe(3000);
    for (const value of ['0', '-5', 'soon', '', null, undefined]) expect(parseSliceTimeout(value), String(value)).toBeNull();
  });
});
