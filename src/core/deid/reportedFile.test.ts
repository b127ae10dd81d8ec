import { describe, expect, it } from 'vitest';
import type { DeidReport } from './deidentify';
import { MAX_REPORT_BYTES, reportHead, splitReportedFile } from './reportedFile';

const REPORT: DeidReport = { sopInstanceUid: '2.25.7', methodCodes: ['113100'], dayShift: null, entries: [{ path: '(0010,0010)', keyword: 'PatientName', outcome: 'emptied', by: 'basic' }] };
const FILE = new Uint8Array([0x44, 0x49, 0x43, 0x4d, 1, 2, 3]);

const bodyOf = (head: Uint8Array, file: Uint8Array) => {
  const body = new Uint8Array(head.byteLength + file.byteLength);
  body.set(head);
  body.set(file, head.byteLength);
  return body;
};

describe('a file with its report in one body', () => {
  it('splits back into the report and the file as sent', () => {
    const { bytes, header } = reportHead(REPORT);
    expect(header).toBe(String(bytes.byteLength));
    const split = splitReportedFile(bodyOf(bytes, FILE), header);
    expect(split).toEqual({ report: REPORT, file: FILE });
  });

  it('counts the report in bytes, not characters', () => {
    // Not a valid report (free text), but its length must still land where the file starts.
    const { bytes, header } = reportHead({ ...REPORT, sopInstanceUid: '山田' });
    expect(Number(header)).toBeGreaterThan(JSON.stringify({ ...REPORT, sopInstanceUid: '山田' }).length);
    expect(splitReportedFile(bodyOf(bytes, FILE), header)).toEqual({ refused: expect.stringContaining('not a de-identification report') });
  });

  it('refuses a length that is not one, or that leaves no file', () => {
    const { bytes } = reportHead(REPORT);
    const body = bodyOf(bytes, FILE);
    for (const header of ['', '-1', '1e3', ' 12', 'abc', '0', String(MAX_REPORT_BYTES + 1), '123456789']) {
      expect(splitReportedFile(body, header), header).toHaveProperty('refused');
    }
    expect(splitReportedFile(body, String(body.byteLength))).toEqual({ refused: expect.stringContaining('leaves no file') });
  });

  it('refuses a report cut short or not JSON', () => {
    const { bytes } = reportHead(REPORT);
    const body = bodyOf(bytes, FILE);
    expect(splitReportedFile(body, String(bytes.byteLength - 1))).toEqual({ refused: expect.stringContaining('not a JSON report') });
    expect(splitReportedFile(bodyOf(new Uint8Array([0xff, 0xfe]), FILE), '2')).toEqual({ refused: expect.stringContaining('not a JSON report') });
  });
});
