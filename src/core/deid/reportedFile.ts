/**
 * A de-identified file and its report in one upload body: the report as UTF-8 JSON first, then
 * the file's bytes, the report's byte length in the `X-Deid-Report-Bytes` header. One request a
 * file instead of the upload and a `POST …/deid-reports` after it; the server keeps the report
 * only when the file was imported, and refuses a report that names another instance.
 */
import type { DeidReport } from './deidentify';
import { parseDeidReport } from './report';

export const REPORT_BYTES_HEADER = 'x-deid-report-bytes';

/** More than any report parseDeidReport admits (10,000 entries of ~100 bytes): a bound read before parsing. */
export const MAX_REPORT_BYTES = 4 * 2 ** 20;

/** The bytes that go ahead of the file, and the header's value (their length). */
export function reportHead(report: DeidReport): { readonly bytes: Uint8Array<ArrayBuffer>; readonly header: string } {
  const bytes = new TextEncoder().encode(JSON.stringify(report));
  return { bytes, header: String(bytes.byteLength) };
}

export type ReportedFile = { readonly report: DeidReport; readonly file: Uint8Array } | { readonly refused: string };

/**
 * A body split at the header's length: the report (checked as parseDeidReport checks a posted
 * one) and the file's bytes, a view of `body`, nothing copied. `refused`: why not, a sentence.
 */
export function splitReportedFile(body: Uint8Array, header: string): ReportedFile {
  if (!/^\d{1,8}$/.test(header)) return { refused: `${REPORT_BYTES_HEADER} must be the report's length in bytes` };
  const length = Number(header);
  if (length === 0 || length > MAX_REPORT_BYTES) return { refused: `${REPORT_BYTES_HEADER} must be between 1 and ${MAX_REPORT_BYTES}` };
  if (length >= body.byteLength) return { refused: `${REPORT_BYTES_HEADER} (${length}) leaves no file in a body of ${body.byteLength} bytes` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(0, length)));
  } catch {
    return { refused: `the first ${length} bytes of the body are not a JSON report` };
  }
  const report = parseDeidReport(parsed);
  if (!report) return { refused: 'not a de-identification report (attribute paths, keywords and outcomes only)' };
  return { report, file: body.subarray(length) };
}
