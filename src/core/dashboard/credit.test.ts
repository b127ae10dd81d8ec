import { describe, expect, it } from 'vitest';
import type { CreditReport } from '../api';
import { canonicalJson, creditCsv, creditCsvFileName, creditFiguresText, creditPeriod, creditTotals, currentMonth, minutesOf } from './credit';

const figures = { itemsWorked: 2, targetsLabelled: 10, regionsDrawn: 1, recordsAuthored: 11, timeSpentMs: 150_000, approved: 1, returned: 0 };
const report: CreditReport = {
  user: { id: 'u1', displayName: 'Ann "A" Lee' },
  from: '2026-12-01',
  to: '2026-12-31',
  idleCutoffMs: 300_000,
  datasets: [{ datasetId: 'd1', datasetName: 'Head CT, 2026', ...figures }],
  totals: figures,
};

describe('credit period', () => {
  it('defaults to the current UTC month and ends at the start of the day after `to`', () => {
    expect(currentMonth(new Date('2026-02-10T23:00:00Z'))).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(creditPeriod(undefined, undefined, new Date('2026-12-05T10:00:00Z'))).toEqual({
      ok: true,
      value: { from: '2026-12-01', to: '2026-12-31', startAt: '2026-12-01T00:00:00.000Z', endAt: '2027-01-01T00:00:00.000Z' },
    });
  });

  it('refuses days that do not exist, reversed periods and periods over a year, with a sentence', () => {
    const now = new Date('2026-12-05T10:00:00Z');
    expect(creditPeriod('2026-02-30', '2026-03-01', now)).toEqual({ ok: false, errors: ['from must be a day as YYYY-MM-DD, not "2026-02-30"'] });
    expect(creditPeriod('2026-03-02', '2026-03-01', now)).toEqual({ ok: false, errors: ['the period ends (2026-03-01) before it starts (2026-03-02)'] });
    expect(creditPeriod('2025-01-01', '2026-12-31', now).ok).toBe(false);
    expect(creditPeriod('2026-03-01', '2026-03-01', now).ok).toBe(true);
  });
});

describe('credit figures', () => {
  it('totals every figure over the datasets', () => {
    expect(creditTotals([figures, { ...figures, timeSpentMs: 1, approved: 0, returned: 2 }])).toEqual({
      itemsWorked: 4,
      targetsLabelled: 20,
      regionsDrawn: 2,
      recordsAuthored: 22,
      timeSpentMs: 150_001,
      approved: 1,
      returned: 2,
    });
  });

  it('writes one CSV row per dataset and a total, minutes to a tenth, text quoted', () => {
    expect(minutesOf(150_000)).toBe(2.5);
    expect(creditCsv(report).split('\r\n')).toEqual([
      'user_id,user,from,to,dataset_id,dataset,items_worked,targets_labelled,regions_drawn,records_authored,minutes_spent,approved,returned',
      'u1,"Ann ""A"" Lee",2026-12-01,2026-12-31,d1,"Head CT, 2026",2,10,1,11,2.5,1,0',
      'u1,"Ann ""A"" Lee",2026-12-01,2026-12-31,,total,2,10,1,11,2.5,1,0',
      '',
    ]);
    expect(creditCsvFileName(report)).toBe('credit-Ann_A_Lee-2026-12-01-2026-12-31.csv');
  });

  it('hashes one canonical text whatever the key order, without the issue date', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], e: undefined })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    const reordered: CreditReport = { totals: figures, datasets: report.datasets, idleCutoffMs: 1, to: report.to, from: report.from, user: report.user };
    expect(creditFiguresText(reordered)).toBe(creditFiguresText(report));
    expect(creditFiguresText({ ...report, to: '2026-12-30' })).not.toBe(creditFiguresText(report));
  });
});
