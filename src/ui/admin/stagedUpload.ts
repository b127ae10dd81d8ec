/**
 * The page's side of a staged upload (server/routes/stagedUploads): files are sent into a session
 * as soon as each is checked, while the check goes on with the others: each of a few lanes takes
 * every row waiting when it is free and sends them in as few batch requests as fit
 * (stagedBatch.ts), so rows go one a request while the check is ahead and many a request once
 * they queue. Nothing is imported until `commit`, whose import job is followed until it ends;
 * `abort` discards everything sent. A de-identified file's body already carries its report
 * (src/core/deid/reportedFile.ts).
 */
import type { ImportJob, ImportReport, StagedBatchAnswer, StagedFileAnswer, StagedUpload } from '../../core/api';
import { isFinished } from '../../core/importJob';
import { MAX_STAGED_BATCH_BYTES, MAX_STAGED_BATCH_FILES, type StagedPart } from '../../core/staged/stagedParts';
import { ApiRequestError } from '../../data/api';
import { uploadBody, type UploadSource } from './deidentifyUpload';
import { batchRequest, rowProgress, sendingsOf, type MadeRow } from './stagedBatch';

export interface StagedUploadApi {
  openStagedUpload(datasetId: string): Promise<StagedUpload>;
  /** One file, for a file larger than a batch holds. */
  stageFile(uploadId: string, index: number, fileName: string, bytes: Blob, upload?: { onProgress?: (sent: number, total: number) => void; reportBytes?: string | null }): Promise<StagedFileAnswer>;
  /** Several files in one request: `parts` lists them in `body`'s order; one answer per part. */
  stageFiles(uploadId: string, parts: readonly StagedPart[], body: Blob, upload?: { onProgress?: (sent: number, total: number) => void }): Promise<StagedBatchAnswer>;
  commitStagedUpload(uploadId: string): Promise<ImportJob>;
  abortStagedUpload(uploadId: string): Promise<void>;
  getImportJob(jobId: string): Promise<ImportJob>;
}

export interface StagedSendHandlers {
  /** Bytes of row `index` sent so far. */
  progress(index: number, sent: number): void;
  /** The server's answer for the row: kept, or refused (what was found). */
  answered(index: number, answer: StagedFileAnswer): void;
  /** The row's file could not be made or sent. */
  failed(index: number, error: unknown): void;
}

export class StagedUploadSession {
  private readonly waiting: { index: number; source: UploadSource }[] = [];
  private lanes = 0;
  private idleWaiters: (() => void)[] = [];

  private constructor(
    private readonly api: StagedUploadApi,
    readonly id: string,
    private readonly parallel: number,
    private readonly handlers: StagedSendHandlers,
  ) {}

  static async open(api: StagedUploadApi, datasetId: string, parallel: number, handlers: StagedSendHandlers): Promise<StagedUploadSession> {
    const { id } = await api.openStagedUpload(datasetId);
    return new StagedUploadSession(api, id, parallel, handlers);
  }

  /** Sends row `index` when a lane is free (at once, if one is). */
  send(index: number, source: UploadSource): void {
    this.waiting.push({ index, source });
    while (this.lanes < this.parallel && this.waiting.length > 0) {
      this.lanes += 1;
      void this.lane();
    }
  }

  /** Resolves once every row handed to `send` has been answered or failed. */
  sent(): Promise<void> {
    if (this.lanes === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Commits and follows the import job until it ends (`onJob` each time it is read); its report. */
  async commit(onJob: (job: ImportJob) => void, pollMs: number, wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))): Promise<ImportReport> {
    await this.sent();
    let job = await this.api.commitStagedUpload(this.id);
    onJob(job);
    while (!isFinished(job)) {
      await wait(pollMs);
      job = await this.api.getImportJob(job.id);
      onJob(job);
    }
    return job.report;
  }

  /** Discards the session: rows not yet sent are dropped, what was sent is deleted on the server. */
  async abort(): Promise<void> {
    this.waiting.length = 0;
    await this.sent();
    await this.api.abortStagedUpload(this.id);
  }

  private async lane(): Promise<void> {
    for (let rows = await this.nextRows(); rows.length > 0; rows = await this.nextRows()) {
      try {
        for (const sending of sendingsOf(rows)) await (sending.kind === 'alone' ? this.sendAlone(sending.row) : this.sendBatch(sending.rows));
      } finally {
        for (const row of rows) row.release();
      }
    }
    this.lanes -= 1;
    if (this.lanes === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /**
   * The waiting rows made, in turn, until a batch's worth (files or bytes) is in hand or none is
   * left waiting: what a lane holds is about one batch (a file is made before its size is known),
   * and for most rows only their headers are in memory, the rest a slice of the file on disk.
   */
  private async nextRows(): Promise<(MadeRow & { readonly release: () => void })[]> {
    const rows: (MadeRow & { readonly release: () => void })[] = [];
    let bytes = 0;
    for (let next = this.waiting.shift(); next; next = rows.length < MAX_STAGED_BATCH_FILES && bytes < MAX_STAGED_BATCH_BYTES ? this.waiting.shift() : undefined) {
      const row = await this.made(next.index, next.source);
      if (!row) continue;
      rows.push(row);
      bytes += row.upload.size;
    }
    return rows;
  }

  /** The row's file made, or null once its failure is told. */
  private async made(index: number, source: UploadSource): Promise<(MadeRow & { readonly release: () => void }) | null> {
    try {
      const { upload, release } = await source();
      return { index, upload, release };
    } catch (caught) {
      this.handlers.failed(index, caught);
      return null;
    }
  }

  private async sendAlone({ index, upload }: MadeRow): Promise<void> {
    try {
      this.handlers.answered(index, await this.api.stageFile(this.id, index, upload.name, uploadBody(upload), { reportBytes: upload.reportBytes, onProgress: (sent) => this.handlers.progress(index, sent) }));
    } catch (caught) {
      this.handlers.failed(index, caught);
    }
  }

  private async sendBatch(rows: readonly MadeRow[]): Promise<void> {
    const { parts, body } = batchRequest(rows);
    let answers: StagedBatchAnswer['answers'];
    try {
      ({ answers } = await this.api.stageFiles(this.id, parts, body, { onProgress: rowProgress(parts, this.handlers.progress) }));
    } catch (caught) {
      for (const { index } of rows) this.handlers.failed(index, caught);
      return;
    }
    const byIndex = new Map(answers.map((answer) => [answer.index, answer]));
    for (const { index } of rows) {
      const answer = byIndex.get(index);
      if (!answer) this.handlers.failed(index, new Error('the server did not answer for this file'));
      else if ('error' in answer) this.handlers.failed(index, new ApiRequestError(answer.status, answer.error));
      else this.handlers.answered(index, answer);
    }
  }
}
