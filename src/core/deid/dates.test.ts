import { describe, expect, it } from 'vitest';
import { shiftDate, shiftDateTime } from './dates';

describe('date shifting', () => {
  it('moves dates across months, years and leap days', () => {
    expect(shiftDate('20240301', -1)).toBe('20240229');
    expect(shiftDate('20230101', -1)).toBe('20221231');
    expect(shiftDate('20240115', -365)).toBe('20230115');
  });

  it('keeps the time and offset of a date-time', () => {
    expect(shiftDateTime('20240115101500.123+0900', -15)).toBe('20231231101500.123+0900');
  });

  it('refuses what is no full date', () => {
    expect(shiftDate('202401', -1)).toBeNull();
    expect(shiftDate('20230230', -1)).toBeNull();
    expect(shiftDateTime('2024', -1)).toBeNull();
  });
});
