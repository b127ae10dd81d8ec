/**
 * The page's side of a staged upload (server/routes/stagedUploads): files are sent into a session
 * as soon as each is checked, a few at a time, while the check goes on with the others; nothing is
 * imported until `commit`, whose import job is followed until it ends; `abort` discards everything
 * sent. A de-identified file's body already carries its report (src/core/deid/reportedFile.ts).
 */
import type { ImportJob, ImportReport, StagedFileAnswer, StagedUpload } from '../../core/api';
import { isFinished } from '../../core/importJob';
import type { UploadSource } from './deidentifyUpload';

export interface StagedUploadApi {
  openStagedUpload(datasetId: string): Promise<StagedUpload>;
  stageFile(uploadId: string, index: number, fileName: string, bytes: Blob, upload?: { onProgress?: (sent: number, total: number) => void; reportBytes?: string | null }): Promise<StagedFileAnswer>;
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
    for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
      const { index, source } = next;
      try {
        const made = await source();
        try {
          const { name, body, reportBytes } = made.upload;
          this.handlers.answered(index, await this.api.stageFile(this.id, index, name, body, { reportBytes, onProgress: (sent) => this.handlers.progress(index, sent) }));
        } finally {
          made.release();
        }
      } catch (caught) {
        this.handlers.failed(index, caught);
      }
    }
    this.lanes -= 1;
    if (this.lanes === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
