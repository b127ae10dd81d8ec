import { describe, expect, it } from 'vitest';
import { dueStatus, isCalendarDate, localCalendarDate } from './calendarDate';

describe('calendar dates', () => {
  it('accepts days that exist and refuses the rest', () => {
    expect(isCalendarDate('2026-12-01')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('2026-12-01T00:00:00Z')).toBe(false);
  });

  it('reads the local day of an instant', () => {
    expect(localCalendarDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('places a due day before, on and after today, and never marks done work overdue', () => {
    expect(dueStatus('2026-11-30', '2026-12-01', false)).toBe('overdue');
    expect(dueStatus('2026-12-01', '2026-12-01', false)).toBe('dueToday');
    expect(dueStatus('2026-12-02', '2026-12-01', false)).toBe('upcoming');
    expect(dueStatus('2026-11-30', '2026-12-01', true)).toBe('none');
    expect(dueStatus(null, '2026-12-01', false)).toBe('none');
  });
});
