import { describe, expect, it } from 'vitest';
import { isoWeek } from './isoWeek';

describe('isoWeek', () => {
  it('numbers weeks as ISO 8601 does, across year ends', () => {
    expect(isoWeek('2026-12-01T03:00:00Z')).toBe('2026-W49');
    // 1 January 2021 was a Friday: still week 53 of 2020.
    expect(isoWeek('2021-01-01T12:00:00Z')).toBe('2020-W53');
    expect(isoWeek('2021-01-04T00:00:00Z')).toBe('2021-W01');
    // 29 December 2025 is a Monday whose Thursday is 1 January 2026.
    expect(isoWeek('2025-12-29T08:00:00Z')).toBe('2026-W01');
    expect(isoWeek('2026-01-04T23:59:59Z')).toBe('2026-W01');
  });

  it('reads the instant in UTC and rejects what is not a date', () => {
    // Monday 00:30 in Tokyo is still Sunday in UTC.
    expect(isoWeek('2026-11-30T00:30:00+09:00')).toBe('2026-W48');
    expect(() => isoWeek('yesterday')).toThrow(/not an ISO-8601 date/);
  });
});
