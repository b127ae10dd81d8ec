/**
 * One file into a staged upload: what the per-file route (POST /api/staged-uploads/:id/files/:index)
 * does for its body and the batch route (POST /api/staged-uploads/:id/files) for each part. Under
 * a policy that requires de-identification the file is read whole, split from its report, judged,
 * and only then stored, under its SOP Instance UID; with the policy off it is stored as sent and
 * takes no report. A refusal by the policy is an answer; anything else wrong is an HttpError.
 */
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { StagedFileAnswer, StagedPartAnswer } from '../../src/core/api';
import type { DeidReport } from '../../src/core/deid/deidentify';
import type { DeidPolicy } from '../../src/core/deid/policy';
import { REPORT_BYTES_HEADER, splitReportedFile } from '../../src/core/deid/reportedFile';
import { partRanges, type StagedPart } from '../../src/core/staged/stagedParts';
import type { BlobStore, StoredBlob } from '../blobs/blobStore';
import type { Database } from '../db/schema';
import { judgeDeid, refusalOf } from '../deid/enforcePolicy';
import { badRequest, HttpError } from '../http/errors';
import { stageFile } from './stagedUploads';

/** A file's bytes as sent: a request's stream, or a part of a batch already in memory. */
export interface SentFileBody {
  /** The whole body in memory: a file is judged before the blob store may keep it (it keeps whatever it is given). */
  read(): Promise<Uint8Array>;
  /** The body into the blob store as it is. */
  store(): Promise<StoredBlob>;
  /** Drops what was not read, for a file refused before its bytes. */
  drain(): void;
}

export interface SentFile {
  readonly index: number;
  /** The name it is kept under unless the policy names it. */
  readonly name: string;
  /** X-Deid-Report-Bytes as sent (the report's length ahead of the file), or undefined. */
  readonly reportBytes: string | undefined;
  readonly body: SentFileBody;
}

/** The open upload files go into, and what staging them needs. */
export interface StagingTarget {
  readonly db: Kysely<Database>;
  readonly blobs: BlobStore;
  readonly now: () => Date;
  readonly quotaBytes: number;
  readonly uploadId: string;
  readonly adminId: string;
  readonly policy: DeidPolicy;
}

export async function stageSentFile(target: StagingTarget, file: SentFile): Promise<StagedFileAnswer> {
  const { policy } = target;
  const { index, reportBytes, body } = file;
  if (reportBytes !== undefined && policy.mode !== 'required') {
    body.drain();
    throw badRequest(`${REPORT_BYTES_HEADER} comes only with a file into a dataset that requires de-identification`);
  }
  let name = file.name;
  let report: DeidReport | null = null;
  let stored: StoredBlob;
  if (policy.mode === 'required') {
    const read = await body.read();
    const reported = reportBytes === undefined ? null : splitReportedFile(read, reportBytes);
    if (reported && 'refused' in reported) throw badRequest(reported.refused);
    const bytes = reported ? reported.file : read;
    const verdict = judgeDeid(policy, bytes);
    if (!verdict.admitted) return { index, staged: false, outcome: refusalOf(verdict) };
    // The file's name is its SOP Instance UID (judgeDeid): a report of another instance is not this file's.
    if (reported && verdict.fileName !== `${reported.report.sopInstanceUid}.dcm`) throw badRequest(`the report names instance ${reported.report.sopInstanceUid}, not this file's`);
    name = verdict.fileName ?? name;
    report = reported?.report ?? null;
    stored = await target.blobs.put(Readable.from([bytes]));
  } else {
    stored = await body.store();
  }
  const staged = { index, name, stored, report: report ? JSON.stringify(report) : null, putAt: new Date() };
  await stageFile(target.db, target.uploadId, target.adminId, staged, target.quotaBytes, target.now().toISOString());
  return { index, staged: true, size: stored.size };
}

/**
 * A batch's parts (`body` exactly their total length), each staged in order as if sent alone:
 * a part's HttpError is that part's answer and the next parts go on; any other error ends the batch.
 */
export async function stageParts(target: StagingTarget, parts: readonly StagedPart[], body: Uint8Array): Promise<StagedPartAnswer[]> {
  const ranges = partRanges(parts);
  const answers: StagedPartAnswer[] = [];
  for (const [at, part] of parts.entries()) {
    const [start, end] = ranges[at]!;
    const bytes = body.subarray(start, end);
    const sent: SentFile = { index: part.index, name: part.name, reportBytes: part.reportBytes === null ? undefined : String(part.reportBytes), body: inMemory(bytes, target.blobs) };
    try {
      answers.push(await stageSentFile(target, sent));
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      answers.push({ index: part.index, staged: false, status: error.statusCode, error: { error: error.code, message: error.message } });
    }
  }
  return answers;
}

function inMemory(bytes: Uint8Array, blobs: BlobStore): SentFileBody {
  return {
    read: () => Promise.resolve(bytes),
    store: () => blobs.put(Readable.from([bytes])),
    drain: () => undefined,
  };
}
