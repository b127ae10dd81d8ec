/**
 * A batch of a staged upload's files in one request (POST /api/staged-uploads/:id/files): the
 * files' bodies back to back, and the `X-Staged-Parts` header listing each part's row index, byte
 * length, report length (a de-identified file's report ahead of it, src/core/deid/reportedFile.ts)
 * and name. In a browser every request and every Blob read costs a fixed few milliseconds
 * whatever its size, so a CT series of small slices goes many files a request.
 */
import { MAX_REPORT_BYTES } from '../deid/reportedFile';

export const STAGED_PARTS_HEADER = 'x-staged-parts';

/** Files of one batch at most: the header stays a few KB, well inside HTTP's header limits. */
export const MAX_STAGED_BATCH_FILES = 32;

/** Bytes of one batch at most: the server reads a batch into memory to check each file before it is stored. */
export const MAX_STAGED_BATCH_BYTES = 64 * 2 ** 20;

/** The highest row index a staged upload takes (the per-file route's path pattern allows five digits). */
const MAX_INDEX = 99_999;

export interface StagedPart {
  /** The file's row in the upload. */
  readonly index: number;
  /** The part's length in the body: its report's bytes (if any) and the file's. */
  readonly bytes: number;
  /** The length of the report at the start of the part; null when the part is the file alone. */
  readonly reportBytes: number | null;
  /** The name the file is kept under unless the policy names it (a de-identified file goes by its SOP Instance UID). */
  readonly name: string;
}

/** The header's value: JSON of `[index, bytes, reportBytes, name]` rows, names percent-encoded so the header stays ASCII. */
export function stagedPartsHeader(parts: readonly StagedPart[]): string {
  return JSON.stringify(parts.map((part) => [part.index, part.bytes, part.reportBytes, encodeURIComponent(part.name)]));
}

export type ParsedStagedParts = { readonly parts: readonly StagedPart[]; readonly totalBytes: number } | { readonly refused: string };

const isCount = (value: unknown, max: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

/** The header read back, every rule checked; `refused`: what is wrong with it, a sentence. */
export function parseStagedParts(header: string | undefined): ParsedStagedParts {
  if (header === undefined) return { refused: `send the parts' list in ${STAGED_PARTS_HEADER}` };
  let rows: unknown;
  try {
    rows = JSON.parse(header);
  } catch {
    return { refused: `${STAGED_PARTS_HEADER} is not JSON` };
  }
  if (!Array.isArray(rows) || rows.length === 0 || rows.length > MAX_STAGED_BATCH_FILES) return { refused: `${STAGED_PARTS_HEADER} must list 1 to ${MAX_STAGED_BATCH_FILES} parts` };
  const parts: StagedPart[] = [];
  const seen = new Set<number>();
  let totalBytes = 0;
  for (const [at, row] of rows.entries()) {
    const part = partOf(row);
    if (!part) return { refused: `part ${at} of ${STAGED_PARTS_HEADER} must be [index, bytes, reportBytes or null, name]` };
    if (seen.has(part.index)) return { refused: `row ${part.index} is listed twice` };
    seen.add(part.index);
    totalBytes += part.bytes;
    parts.push(part);
  }
  if (totalBytes > MAX_STAGED_BATCH_BYTES) return { refused: `a batch holds at most ${MAX_STAGED_BATCH_BYTES} bytes; send larger files one a request` };
  return { parts, totalBytes };
}

function partOf(row: unknown): StagedPart | null {
  if (!Array.isArray(row) || row.length !== 4) return null;
  const [index, bytes, reportBytes, name] = row as unknown[];
  if (!isCount(index, MAX_INDEX) || !isCount(bytes, MAX_STAGED_BATCH_BYTES) || bytes === 0) return null;
  if (reportBytes !== null && (!isCount(reportBytes, MAX_REPORT_BYTES) || reportBytes === 0 || reportBytes >= bytes)) return null;
  if (typeof name !== 'string' || name.length === 0 || name.length > 3000) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    return null;
  }
  // A NUL ends a name in C-backed file systems and tools: refused, as X-File-Name's is.
  return decoded.includes('\u0000') ? null : { index, bytes, reportBytes, name: decoded };
}

/** Each part's place in the body: `[start, end)` byte offsets, in the header's order. */
export function partRanges(parts: readonly StagedPart[]): readonly (readonly [number, number])[] {
  let at = 0;
  return parts.map((part) => {
    const range = [at, at + part.bytes] as const;
    at += part.bytes;
    return range;
  });
}
