/**
 * Staged uploads (admins; server/uploads/stagedUploads.ts): the upload screen sends each file as
 * soon as the browser has checked it, while it checks the others, and nothing is imported until
 * the commit; a cancel discards everything.
 * - `POST /api/datasets/:id/staged-uploads`: a new session (201), after an idle sweep;
 * - `POST /api/staged-uploads/:id/files/:index`: one file as `application/dicom`, checked by the
 *   dataset's de-identification policy as the per-file upload is (server/deid/enforcePolicy.ts);
 *   a refusal answers what was found and keeps nothing; 413 past the admin's staged-bytes quota.
 *   With `X-Deid-Report-Bytes` the body carries the file's de-identification report ahead of it
 *   (src/core/deid/reportedFile.ts), kept with the dataset once the file is imported
 *   (server/uploads/stagePart.ts, shared with the batch);
 * - `POST /api/staged-uploads/:id/files`: many files in one body, listed in `X-Staged-Parts`
 *   (src/core/staged/stagedParts.ts), each staged as the per-file route stages it and answered as
 *   it would answer, its refusal or error included, so one bad file does not fail the others; the
 *   request itself fails (400) on a refused list or a body of another length than the list's;
 * - `POST /api/staged-uploads/:id/commit`: 202 with the import job that takes the files in index
 *   order (the client follows it as any import job); a second commit answers the same job;
 * - `DELETE /api/staged-uploads/:id`: the session, its rows and its blobs gone (204).
 */
import type { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ImportJob, StagedBatchAnswer, StagedFileAnswer, StagedUpload } from '../../../src/core/api';
import { REPORT_BYTES_HEADER } from '../../../src/core/deid/reportedFile';
import { MAX_STAGED_BATCH_BYTES, parseStagedParts, STAGED_PARTS_HEADER } from '../../../src/core/staged/stagedParts';
import { readDeidPolicy } from '../../deid/policies';
import { badRequest, conflict, HttpError, notFound } from '../../http/errors';
import { acceptStreamedBody, isStreamedBody, readBody, storeBody } from '../../http/streamedBody';
import { intervalTicker, type Ticker } from '../../import/jobs/importJobs';
import { findImportJob, importJobOf, type ImportJobRow } from '../../import/jobs/jobRows';
import { userOf } from '../../plugins/auth';
import { findDataset } from '../../services/datasets';
import { stageParts, stageSentFile, type StagingTarget } from '../../uploads/stagePart';
import { startStagedUploadSweep, sweepIdleStagedUploads } from '../../uploads/stagedUploadSweep';
import { isStagedUploadJob, storeStagedUploadManifest } from '../../uploads/stagedUploadJob';
import { createStagedUpload, discardStagedUpload, markCommitted, ownStagedUpload, recordCommitJob, reopen, stagedFilesOf, type StagedUploadLimits } from '../../uploads/stagedUploads';
import { fileName, MAX_DICOM_UPLOAD_BYTES } from '../datasets/upload';
import { createStagedUploadSchema, stagedBatchSchema, stagedFileSchema, stagedUploadSchema } from './schema';

const ADMIN = { roles: ['admin'] } as const;

export interface StagedUploadRouteOptions {
  readonly limits: StagedUploadLimits;
  /** What drives the idle sweep; default a timer (tests tick by hand). */
  readonly ticker?: Ticker;
}

export const stagedUploadRoutes: FastifyPluginAsync<StagedUploadRouteOptions> = async (app, { limits, ticker = intervalTicker }) => {
  const { ctx } = app;
  acceptStreamedBody(app, 'application/dicom');
  const sweepDeps = { db: ctx.db, blobs: ctx.blobs, now: ctx.now, idleMs: limits.idleMs };
  const stopSweep = startStagedUploadSweep(sweepDeps, ticker, (error) => app.log.error({ err: error }, 'sweeping idle staged uploads failed'));
  app.addHook('onClose', async () => stopSweep());

  app.post<{ Params: { id: string } }>('/api/datasets/:id/staged-uploads', { schema: createStagedUploadSchema, config: ADMIN }, async (request, reply): Promise<StagedUpload> => {
    const { id } = request.params;
    if (!(await findDataset(ctx.db, id))) throw notFound(`no dataset ${id}`);
    await sweepIdleStagedUploads(sweepDeps);
    const upload = await createStagedUpload(ctx.db, id, userOf(request).id, ctx.now().toISOString());
    return reply.code(201).send({ id: upload.id, datasetId: upload.dataset_id });
  });

  /** The request's streamed body and the admin's open upload it goes into; 415, 404 or 409 otherwise. */
  const openTarget = async (request: FastifyRequest<{ Params: { id: string } }>): Promise<{ body: Readable; target: StagingTarget }> => {
    const admin = userOf(request);
    const { body } = request;
    if (!isStreamedBody(body)) throw new HttpError(415, 'unsupported_media_type', 'send the file as Content-Type: application/dicom');
    const upload = await ownStagedUpload(ctx.db, request.params.id, admin.id);
    if (upload.state !== 'open') {
      body.resume();
      throw conflict('staged_upload_committed', `staged upload ${upload.id} is committed: it takes no more files`);
    }
    const policy = await readDeidPolicy(ctx.db, upload.dataset_id);
    return { body, target: { db: ctx.db, blobs: ctx.blobs, now: ctx.now, quotaBytes: limits.quotaBytes, uploadId: upload.id, adminId: admin.id, policy } };
  };

  app.post<{ Params: { id: string; index: string }; Headers: { 'x-file-name'?: string; 'x-deid-report-bytes'?: string } }>(
    '/api/staged-uploads/:id/files/:index',
    { schema: stagedFileSchema, config: ADMIN },
    async (request): Promise<StagedFileAnswer> => {
      const { body, target } = await openTarget(request);
      return stageSentFile(target, {
        index: Number(request.params.index),
        name: fileName(request.headers['x-file-name']),
        reportBytes: request.headers[REPORT_BYTES_HEADER],
        body: {
          read: () => readBody(request, body, MAX_DICOM_UPLOAD_BYTES),
          store: () => storeBody(ctx.blobs, request, body, MAX_DICOM_UPLOAD_BYTES),
          drain: () => body.resume(),
        },
      });
    },
  );

  app.post<{ Params: { id: string }; Headers: { 'x-staged-parts'?: string } }>('/api/staged-uploads/:id/files', { schema: stagedBatchSchema, config: ADMIN }, async (request): Promise<StagedBatchAnswer> => {
    const { body, target } = await openTarget(request);
    const parsed = parseStagedParts(request.headers[STAGED_PARTS_HEADER]);
    if ('refused' in parsed) {
      body.resume();
      throw badRequest(parsed.refused);
    }
    const read = await readBody(request, body, MAX_STAGED_BATCH_BYTES);
    if (read.byteLength !== parsed.totalBytes) throw badRequest(`the body holds ${read.byteLength} bytes, not the ${parsed.totalBytes} its parts add up to`);
    return { answers: await stageParts(target, parsed.parts, read) };
  });

  app.post<{ Params: { id: string } }>('/api/staged-uploads/:id/commit', { schema: stagedUploadSchema, config: ADMIN }, async (request, reply): Promise<ImportJob> => {
    const admin = userOf(request);
    const { id } = request.params;
    const marked = await markCommitted(ctx.db, id, admin.id, ctx.now().toISOString());
    if (!marked.first) return reply.code(202).send(importJobOf((await findImportJob(ctx.db, marked.jobId)) as ImportJobRow));
    try {
      const upload = await ownStagedUpload(ctx.db, id, admin.id);
      const files = await stagedFilesOf(ctx.db, id);
      if (files.length === 0) throw badRequest('nothing was staged in this upload: send its files first');
      const manifest = await storeStagedUploadManifest(ctx.blobs, id);
      const job = await ctx.importJobs.submit(
        { datasetId: upload.dataset_id, createdBy: admin.id, fileName: `${files.length} staged files`, kind: 'stagedUpload', source: manifest },
        undefined,
        (row) => recordCommitJob(ctx.db, id, row.id),
      );
      return reply.code(202).send(importJobOf(job));
    } catch (error) {
      await reopen(ctx.db, id);
      throw error;
    }
  });

  app.delete<{ Params: { id: string } }>('/api/staged-uploads/:id', { schema: stagedUploadSchema, config: ADMIN }, async (request, reply) => {
    const admin = userOf(request);
    const upload = await ownStagedUpload(ctx.db, request.params.id, admin.id);
    const job = upload.job_id ? await findImportJob(ctx.db, upload.job_id) : null;
    if (job && isStagedUploadJob(job) && (job.state === 'queued' || job.state === 'building')) {
      throw conflict('staged_upload_importing', 'this upload is being imported: cancel its import job instead');
    }
    await discardStagedUpload(ctx.db, ctx.blobs, upload.id, admin.id, ctx.now().toISOString(), 'aborted');
    return reply.code(204).send();
  });
};
