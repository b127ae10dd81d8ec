/**
 * One line per headline figure for run-all's table. A benchmark run on its own just prints;
 * under run-all it also appends its rows (JSON lines) to the file named by the env var.
 */
import { appendFileSync } from 'node:fs';

export const SUMMARY_ENV = 'MEJIRUSHI_BENCH_SUMMARY';

export interface SummaryRow {
  readonly benchmark: string;
  readonly measure: string;
  readonly value: string;
  readonly baseline: string;
  readonly ratio: string;
}

export function reportSummary(rows: readonly SummaryRow[]): void {
  const file = process.env[SUMMARY_ENV];
  if (!file) return;
  appendFileSync(file, rows.map((row) => JSON.stringify(row) + '\n').join(''));
}
