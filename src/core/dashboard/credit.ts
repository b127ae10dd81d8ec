/**
 * An annotator's credit for a period: the period's bounds, the totals over datasets, the CSV and
 * the canonical JSON whose sha256 a printed certificate carries, so a copy can be checked against
 * the figures the server gives for the same person and period.
 */
import type { CreditDataset, CreditFigures, CreditReport } from '../api';
import { isCalendarDate } from '../calendarDate';
import { csvField } from '../exchange/labelsCsv';
import { fail, ok, type Result } from '../result';

/** Longest period one request may ask for: a year and a day covers any calendar year. */
export const MAX_CREDIT_DAYS = 366;

export interface CreditPeriod {
  /** Inclusive UTC days. */
  readonly from: string;
  readonly to: string;
  /** ISO instants: `from`'s start, and the start of the day after `to` (exclusive). */
  readonly startAt: string;
  readonly endAt: string;
}

const DAY_MS = 86_400_000;

/** The calendar month (UTC) of `now`, as from/to days. */
export function currentMonth(now: Date): { readonly from: string; readonly to: string } {
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0);
  return { from: new Date(start).toISOString().slice(0, 10), to: new Date(end).toISOString().slice(0, 10) };
}

/** A period from query text; the current month when neither bound is given. */
export function creditPeriod(from: string | undefined, to: string | undefined, now: Date): Result<CreditPeriod> {
  const month = currentMonth(now);
  const first = from ?? month.from;
  const last = to ?? month.to;
  const errors: string[] = [];
  if (!isCalendarDate(first)) errors.push(`from must be a day as YYYY-MM-DD, not "${first}"`);
  if (!isCalendarDate(last)) errors.push(`to must be a day as YYYY-MM-DD, not "${last}"`);
  if (errors.length > 0) return fail(errors);
  const startMs = Date.parse(`${first}T00:00:00.000Z`);
  const endMs = Date.parse(`${last}T00:00:00.000Z`) + DAY_MS;
  if (endMs <= startMs) return fail([`the period ends (${last}) before it starts (${first})`]);
  if ((endMs - startMs) / DAY_MS > MAX_CREDIT_DAYS) return fail([`a period may span at most ${MAX_CREDIT_DAYS} days`]);
  return ok({ from: first, to: last, startAt: new Date(startMs).toISOString(), endAt: new Date(endMs).toISOString() });
}

const FIGURES: readonly (keyof CreditFigures)[] = ['itemsWorked', 'targetsLabelled', 'regionsDrawn', 'recordsAuthored', 'timeSpentMs', 'approved', 'returned'];

export function creditTotals(datasets: readonly CreditFigures[]): CreditFigures {
  const total = (key: keyof CreditFigures) => datasets.reduce((sum, dataset) => sum + dataset[key], 0);
  return {
    itemsWorked: total('itemsWorked'),
    targetsLabelled: total('targetsLabelled'),
    regionsDrawn: total('regionsDrawn'),
    recordsAuthored: total('recordsAuthored'),
    timeSpentMs: total('timeSpentMs'),
    approved: total('approved'),
    returned: total('returned'),
  };
}

export const CREDIT_CSV_COLUMNS = [
  'user_id',
  'user',
  'from',
  'to',
  'dataset_id',
  'dataset',
  'items_worked',
  'targets_labelled',
  'regions_drawn',
  'records_authored',
  'minutes_spent',
  'approved',
  'returned',
] as const;

/** Minutes to one decimal: what a person reads on a certificate. */
export const minutesOf = (ms: number): number => Math.round(ms / 6_000) / 10;

/** One row per dataset, then a `total` row (dataset id empty). */
export function creditCsv(report: CreditReport): string {
  const row = (datasetId: string, datasetName: string, figures: CreditFigures) =>
    [
      report.user.id,
      report.user.displayName,
      report.from,
      report.to,
      datasetId,
      datasetName,
      ...FIGURES.map((key) => (key === 'timeSpentMs' ? minutesOf(figures[key]) : figures[key])),
    ]
      .map((value) => csvField(value))
      .join(',');
  const rows = report.datasets.map((dataset: CreditDataset) => row(dataset.datasetId, dataset.datasetName, dataset));
  return `${[CREDIT_CSV_COLUMNS.join(','), ...rows, row('', 'total', report.totals)].join('\r\n')}\r\n`;
}

export function creditCsvFileName(report: CreditReport): string {
  const safe = report.user.displayName.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || report.user.id;
  return `credit-${safe}-${report.from}-${report.to}.csv`;
}

/** JSON with object keys sorted at every depth: one text for the same figures, whatever order they were built in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What a certificate's verification line hashes: who, which period, and every figure (not the issue date). */
export function creditFiguresText(report: CreditReport): string {
  return canonicalJson({ user: report.user.id, from: report.from, to: report.to, datasets: report.datasets, totals: report.totals });
}
