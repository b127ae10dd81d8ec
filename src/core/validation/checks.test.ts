import { describe, expect, it } from 'vitest';
import { INT32_MAX, Issues, at, atIndex, atKey, describe as describeValue, integer, isoTime } from './checks';

describe('paths', () => {
  it('build the paths used in error messages', () => {
    expect(at('', 'records')).toBe('records');
    expect(at(atIndex(atKey('records', 'x"y'), 0), 'point')).toBe('records["x\\"y"][0].point');
  });
});

describe('isoTime', () => {
  it.each(['2024-05-01T08:00:00Z', '2024-05-01T08:00:00.123Z', '2024-02-29T23:59:59.999999Z'])('accepts %s', (t) => {
    const issues = new Issues();
    expect(isoTime(t, 't', issues)).toBe(true);
    expect(issues.list()).toEqual([]);
  });

  it.each(['2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-05-01T24:00:00Z', '2024-05-01T08:00:00', ''])('refuses %j', (t) => {
    const issues = new Issues();
    expect(isoTime(t, 't', issues)).toBe(false);
    expect(issues.list()).toHaveLength(1);
  });
});

describe('describe', () => {
  it('never dumps a long value into a message', () => {
    expect(describeValue('x'.repeat(1000))).toBe('a string of length 1000');
    expect(describeValue({ a: 1 })).toBe('an object');
    expect(describeValue(undefined)).toBe('undefined');
  });
});

describe('integer', () => {
  it('accepts what a PostgreSQL integer column holds and refuses larger values, both signs', () => {
    const issues = new Issues();
    expect([INT32_MAX, -INT32_MAX, 0].map((n) => integer(n, 'n', issues))).toEqual([true, true, true]);
    expect([2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER].map((n) => integer(n, 'n', issues))).toEqual([false, false, false]);
    expect(issues.list()[0]).toBe('n: expected an integer of at most 2147483647 in size, got 2147483648');
  });
});
