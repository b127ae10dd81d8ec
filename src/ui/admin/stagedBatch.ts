/**
 * How a staged upload's made rows go to the server: as many as fit in one batch request
 * (src/core/staged/stagedParts.ts), their pieces in one Blob, in row order. A row larger than a
 * batch holds goes alone through the per-file route. In Chromium each request and each Blob read
 * has a fixed cost of milliseconds whatever its size, so a CT series of small slices sent one a
 * request was the upload's floor.
 */
import { MAX_STAGED_BATCH_BYTES, MAX_STAGED_BATCH_FILES, partRanges, type StagedPart } from '../../core/staged/stagedParts';
import type { PreparedUpload } from './deidentifyUpload';

export interface MadeRow {
  readonly index: number;
  readonly upload: PreparedUpload;
}

export type Sending = { readonly kind: 'batch'; readonly rows: readonly MadeRow[] } | { readonly kind: 'alone'; readonly row: MadeRow };

/** `rows` in order, cut into batches of at most `maxFiles` files and `maxBytes` bytes; a row over `maxBytes` alone. */
export function sendingsOf(rows: readonly MadeRow[], maxBytes = MAX_STAGED_BATCH_BYTES, maxFiles = MAX_STAGED_BATCH_FILES): Sending[] {
  const sendings: Sending[] = [];
  let batch: MadeRow[] = [];
  let bytes = 0;
  const close = () => {
    if (batch.length > 0) sendings.push({ kind: 'batch', rows: batch });
    batch = [];
    bytes = 0;
  };
  for (const row of rows) {
    if (row.upload.size > maxBytes) {
      close();
      sendings.push({ kind: 'alone', row });
      continue;
    }
    if (batch.length === maxFiles || bytes + row.upload.size > maxBytes) close();
    batch.push(row);
    bytes += row.upload.size;
  }
  close();
  return sendings;
}

/** The batch's parts as the header lists them, and its body: every row's pieces in one Blob. */
export function batchRequest(rows: readonly MadeRow[]): { readonly parts: readonly StagedPart[]; readonly body: Blob } {
  const parts = rows.map(({ index, upload }) => ({ index, bytes: upload.size, reportBytes: upload.reportBytes === null ? null : Number(upload.reportBytes), name: upload.name }));
  return { parts, body: new Blob(rows.flatMap(({ upload }) => upload.parts), { type: 'application/dicom' }) };
}

/**
 * The batch's progress (bytes of its body sent) as each row's bytes sent: `report` is called for a
 * row only when its count moved, so a row's progress line is not redrawn for another row's bytes.
 */
export function rowProgress(parts: readonly StagedPart[], report: (index: number, sent: number) => void): (sent: number) => void {
  const ranges = partRanges(parts);
  const last = parts.map(() => -1);
  return (sent) => {
    for (const [at, [start, end]] of ranges.entries()) {
      const own = Math.min(Math.max(sent - start, 0), end - start);
      if (own === last[at]) continue;
      last[at] = own;
      report(parts[at]!.index, own);
    }
  };
}
