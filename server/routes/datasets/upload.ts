/**
 * Admin upload of DICOM files into a dataset, one file per request as `application/dicom`, of
 * slide files (SVS, NDPI, TIFF, OME-TIFF) as `image/tiff`, of stills as `image/jpeg` or
 * `image/png` and of videos as `video/mp4` or `video/webm` (or any of these: the importer tells
 * them apart by their bytes). The body streams into the blob store (never whole in memory). A
 * DICOM file or a still is then imported in the request and reported as for the CLI (an uploaded
 * still becomes a frame set of its own; a folder of stills is one frame set through
 * stillsUpload.ts or the CLI); a TIFF-based slide
 * or a video (MP4, WebM or DICOM), whose pyramid or frames may take minutes to build, becomes an import job
 * (server/import/jobs) and the answer is 202 with the job at once. Into a dataset whose
 * de-identification policy is `required`, only DICOM files the policy admits come in, read whole
 * and checked before anything is stored, under the name `<SOPInstanceUID>.dcm` (server/deid); a
 * TIFF-based slide is staged as a file outside the blob store and answered at once with its job
 * (kind `deidSlide`), which de-identifies it from disk (label and macro images and identifying tags
 * dropped), stores only the result under a pseudonymous name and builds it.
 * A DICOM file de-identified in the browser may come with its report ahead of its bytes
 * (src/core/deid/reportedFile.ts, `X-Deid-Report-Bytes`): the report is kept when the file is
 * imported, as `POST …/deid-reports` would keep it, in the same request.
 * The streamed body parser lives only in this plugin's context.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { UploadAnswer } from '../../../src/core/api';
import type { DeidPolicy } from '../../../src/core/deid/policy';
import { REPORT_BYTES_HEADER, splitReportedFile } from '../../../src/core/deid/reportedFile';
import type { AppContext } from '../../http/context';
import { badRequest, HttpError, notFound } from '../../http/errors';
import { acceptStreamedBody, isStreamedBody, readBody, saveBody, storeBody } from '../../http/streamedBody';
import { judgeDeid, refusalOf } from '../../deid/enforcePolicy';
import { readDeidPolicy, saveDeidReport } from '../../deid/policies';
import { headOf, importDicomFiles } from '../../import/importFiles';
import { DEID_SLIDE_JOB_NAME, stagingFile } from '../../import/jobs/deidSlideJob';
import { importJobOf } from '../../import/jobs/jobRows';
import { ROUTE_HEAD_BYTES, routeImport } from '../../import/route';
import { userOf } from '../../plugins/auth';
import { invalidText, NUL_MESSAGE } from '../../plugins/noNulText';
import { findDataset } from '../../services/datasets';
import { SLIDE_LIMITS } from '../../slides/refusal';
import { readAt } from '../../slides/tiffStructure';
import { uploadSchema } from './schema';

export const MAX_DICOM_UPLOAD_BYTES = 512 * 1024 * 1024;

const FRAME_MEDIA_TYPES = ['image/jpeg', 'image/png', 'video/mp4', 'video/webm'] as const;

export const uploadRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  acceptStreamedBody(app, 'application/dicom');
  acceptStreamedBody(app, 'image/tiff');
  for (const frameType of FRAME_MEDIA_TYPES) acceptStreamedBody(app, frameType);

  app.post<{ Params: { id: string }; Body: unknown; Headers: { 'x-file-name'?: string; [REPORT_BYTES_HEADER]?: string } }>(
    '/api/datasets/:id/files',
    { schema: uploadSchema, config: { roles: ['admin'] } },
    async (request, reply): Promise<UploadAnswer> => {
      const admin = userOf(request);
      const { id } = request.params;
      const { body } = request;
      if (!isStreamedBody(body)) {
        throw new HttpError(415, 'unsupported_media_type', `send the file as Content-Type: application/dicom (image/tiff for a slide, ${FRAME_MEDIA_TYPES.join(', ')} for frames)`);
      }
      if (!(await findDataset(ctx.db, id))) throw notFound(`no dataset ${id}`);
      const name = fileName(request.headers['x-file-name']);
      const contentType = request.headers['content-type'] ?? '';
      const policy = await readDeidPolicy(ctx.db, id);
      const reportBytes = request.headers[REPORT_BYTES_HEADER];
      // Refused before a byte is read: a report belongs to a file this dataset's policy has de-identified.
      if (reportBytes !== undefined && (policy.mode !== 'required' || !contentType.startsWith('application/dicom'))) {
        throw badRequest(`${REPORT_BYTES_HEADER} comes only with a DICOM file into a dataset that requires de-identification`);
      }
      if (policy.mode === 'required') {
        if (contentType.startsWith('image/tiff')) {
          const slide = await deidentifiedSlideJob(ctx, request, body, id, policy, admin.id);
          return 'outcomes' in slide ? slide : reply.code(202).send(slide);
        }
        // Checked in memory first: the blob store keeps whatever it is given, identifying or not.
        const read = contentType.startsWith('application/dicom') ? await readBody(request, body, MAX_DICOM_UPLOAD_BYTES) : new Uint8Array(0);
        if (read.length === 0) body.resume();
        const reported = reportBytes === undefined ? null : splitReportedFile(read, reportBytes);
        if (reported && 'refused' in reported) throw badRequest(reported.refused);
        const bytes = reported ? reported.file : read;
        const verdict = judgeDeid(policy, bytes);
        if (!verdict.admitted) return { outcomes: [refusalOf(verdict)], itemIds: [] };
        // The file's name is its SOP Instance UID (judgeDeid): a report of another instance is not this file's.
        if (reported && verdict.fileName !== `${reported.report.sopInstanceUid}.dcm`) throw badRequest(`the report names instance ${reported.report.sopInstanceUid}, not this file's`);
        const answer = await importDicomFiles(ctx.db, id, [{ name: verdict.fileName ?? name, bytes }], admin.id, { blobs: ctx.blobs, now: ctx.now, workDirs: ctx.workDirs, onSlideReplaced: (itemId) => ctx.tileSources.forget(itemId) });
        if (reported && answer.outcomes[0]?.status === 'imported') await saveDeidReport(ctx.db, id, reported.report, ctx.now().toISOString());
        return answer;
      }
      const large = contentType.startsWith('image/tiff') || contentType.startsWith('video/');
      const stored = await storeBody(ctx.blobs, request, body, large ? SLIDE_LIMITS.maxBytes : MAX_DICOM_UPLOAD_BYTES);
      const route = routeImport(await headOf(ctx.blobs, { name, stored }));
      // A DICOM WSI instance is quick to take in, and its slide is made of several uploads: in the request.
      if ((route.importer === 'slide' && route.format === 'tiff') || route.importer === 'video' || route.importer === 'dicomVideo') {
        const job = await ctx.importJobs.submit({ datasetId: id, createdBy: admin.id, fileName: name, kind: 'file', source: stored });
        return reply.code(202).send(importJobOf(job));
      }
      return importDicomFiles(ctx.db, id, [{ name, stored }], admin.id, { blobs: ctx.blobs, now: ctx.now, workDirs: ctx.workDirs, onSlideReplaced: (itemId) => ctx.tileSources.forget(itemId) });
    },
  );
};

/**
 * A slide under a `required` policy: staged outside the blob store and queued as a job that
 * de-identifies it; refused (not a TIFF slide) with no job. Only its first bytes are read here.
 */
async function deidentifiedSlideJob(ctx: AppContext, request: FastifyRequest, body: Readable, datasetId: string, policy: DeidPolicy, adminId: string): Promise<UploadAnswer> {
  const staged = await stagingFile(ctx.importJobs.stagingDir);
  try {
    const source = await saveBody(request, body, staged.path, SLIDE_LIMITS.maxBytes);
    const route = routeImport(await readAt(staged.path, 0, ROUTE_HEAD_BYTES));
    if (route.importer !== 'slide' || route.format !== 'tiff') {
      await staged.discard();
      const verdict = judgeDeid(policy, new Uint8Array(0));
      return { outcomes: verdict.admitted ? [] : [refusalOf(verdict)], itemIds: [] };
    }
    const job = await ctx.importJobs.submit({ datasetId, createdBy: adminId, fileName: DEID_SLIDE_JOB_NAME, kind: 'deidSlide', source }, undefined, (row) => staged.claim(row.id));
    return importJobOf(job);
  } catch (error) {
    await staged.discard();
    throw error;
  }
}

/** X-File-Name may be percent-encoded (header values are Latin-1; file names often are not). */
export function fileName(header: string | undefined): string {
  if (header === undefined) return 'upload.dcm';
  let name = header;
  try {
    name = decodeURIComponent(header);
  } catch {
    // Not percent-encoding after all: the header is the name.
  }
  if (name.includes('\u0000')) throw invalidText(`X-File-Name ${NUL_MESSAGE}`);
  return name;
}
