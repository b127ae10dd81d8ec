import { describe, expect, it } from 'vitest';
import type { PreparedUpload } from './deidentifyUpload';
import { batchRequest, rowProgress, sendingsOf, type MadeRow } from './stagedBatch';

const row = (index: number, size: number, reportBytes: string | null = null): MadeRow => {
  const upload: PreparedUpload = { name: `${index}.dcm`, parts: ['r'.repeat(Number(reportBytes ?? 0)), new Blob(['f'.repeat(size - Number(reportBytes ?? 0))])], size, type: 'application/dicom', report: null, reportBytes };
  return { index, upload };
};
const shape = (sendings: ReturnType<typeof sendingsOf>) => sendings.map((sending) => (sending.kind === 'alone' ? `alone ${sending.row.index}` : sending.rows.map((made) => made.index).join(',')));

describe('stagedBatch', () => {
  it('cuts rows into batches of at most the files and bytes given, in order, a row over the bytes alone', () => {
    const rows = [row(0, 4), row(1, 4), row(2, 3), row(3, 11), row(4, 1), row(5, 1), row(6, 1), row(7, 10)];
    expect(shape(sendingsOf(rows, 10, 3))).toEqual(['0,1', '2', 'alone 3', '4,5,6', '7']);
    expect(sendingsOf([], 10, 3)).toEqual([]);
  });

  it("makes one body of every row's pieces and lists each part's row, length, report length and name", async () => {
    const { parts, body } = batchRequest([row(4, 6, '2'), row(9, 3)]);
    expect(parts).toEqual([
      { index: 4, bytes: 6, reportBytes: 2, name: '4.dcm' },
      { index: 9, bytes: 3, reportBytes: null, name: '9.dcm' },
    ]);
    expect([await body.text(), body.type]).toEqual(['rrfffffff', 'application/dicom']);
  });

  it("spreads the batch's bytes sent over its rows, each told only when its count moved", () => {
    const told: string[] = [];
    const progress = rowProgress(batchRequest([row(0, 4), row(1, 2), row(2, 3)]).parts, (index, sent) => told.push(`${index}:${sent}`));
    for (const sent of [0, 0, 5, 9]) progress(sent);
    expect(told).toEqual(['0:0', '1:0', '2:0', '0:4', '1:1', '1:2', '2:3']);
  });
});
