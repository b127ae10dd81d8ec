import { describe, expect, it } from 'vitest';
import { throughputDays, throughputWindow } from './throughput';

const NOW = new Date('2026-03-01T08:00:00.000Z');

describe('throughput per day', () => {
  it('spans the last N UTC days, across a month end, today last', () => {
    expect(throughputWindow(NOW, 3)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('fills quiet days with zeros and ignores what lies outside the window', () => {
    const days = throughputDays(
      [
        { day: '2026-02-28', action: 'item.submit', count: 3 },
        { day: '2026-02-28', action: 'item.return', count: 1 },
        { day: '2026-03-01', action: 'item.approve', count: 2 },
        { day: '2026-01-01', action: 'item.submit', count: 9 },
        { day: '2026-03-01', action: 'annotation.write', count: 9 },
      ],
      NOW,
      3,
    );
    expect(days).toEqual([
      { day: '2026-02-27', submits: 0, approvals: 0, returns: 0 },
      { day: '2026-02-28', submits: 3, approvals: 0, returns: 1 },
      { day: '2026-03-01', submits: 0, approvals: 2, returns: 0 },
    ]);
  });
});
