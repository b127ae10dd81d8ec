/**
 * A folder of stills uploaded from the browser as one frame set (admins), in two steps so that
 * each still streams on its own request with its own progress and thousands never sit in one body:
 * - `POST /api/datasets/:id/stills/files`: one still (`image/jpeg` or `image/png`) streamed into the
 *   blob store and answered with its identity (`StagedStill`), not yet imported;
 * - `POST /api/datasets/:id/stills`: the folder's staged stills by name, answered at once (202)
 *   with the import job that makes them one frame set (server/import/jobs/stillsFolderJob.ts;
 *   server/frames/importStills.ts: natural file-name order, a still that does not decode refused
 *   with its reason); the job's progress counts stills, its report has one outcome per file.
 *   File names stay in that report and the audit, never in what annotators see.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ImportJob, StagedStill, StillsImportRequest } from '../../../src/core/api';
import { badRequest, HttpError, notFound } from '../../http/errors';
import { acceptStreamedBody, isStreamedBody, storeBody } from '../../http/streamedBody';
import { headOf } from '../../import/importFiles';
import { importJobOf } from '../../import/jobs/jobRows';
import { stillsFolderJobName, storeStillsManifest } from '../../import/jobs/stillsFolderJob';
import { routeImport } from '../../import/route';
import { userOf } from '../../plugins/auth';
import { findDataset } from '../../services/datasets';
import { stageStillSchema, stillsImportSchema } from './schema';

/** A still larger than this is no endoscopy or fundus photograph. */
export const MAX_STILL_BYTES = 256 * 1024 * 1024;

export const stillsUploadRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  acceptStreamedBody(app, 'image/jpeg');
  acceptStreamedBody(app, 'image/png');

  app.post<{ Params: { id: string }; Body: unknown }>('/api/datasets/:id/stills/files', { schema: stageStillSchema, config: { roles: ['admin'] } }, async (request): Promise<StagedStill> => {
    const { body } = request;
    if (!isStreamedBody(body)) throw new HttpError(415, 'unsupported_media_type', 'send the still as Content-Type: image/jpeg or image/png');
    if (!(await findDataset(ctx.db, request.params.id))) throw notFound(`no dataset ${request.params.id}`);
    const stored = await storeBody(ctx.blobs, request, body, MAX_STILL_BYTES);
    const route = routeImport(await headOf(ctx.blobs, { name: 'still', stored }));
    if (route.importer !== 'still') throw badRequest('not a JPEG or PNG still (its first bytes say otherwise)');
    return { sha256: stored.sha256, size: stored.size };
  });

  app.post<{ Params: { id: string }; Body: StillsImportRequest }>('/api/datasets/:id/stills', { schema: stillsImportSchema, config: { roles: ['admin'] } }, async (request, reply): Promise<ImportJob> => {
    const { id } = request.params;
    if (!(await findDataset(ctx.db, id))) throw notFound(`no dataset ${id}`);
    for (const still of request.body.files) {
      if (!(await ctx.blobs.stat(still.sha256))) throw badRequest(`no staged still ${still.sha256} (${still.name}): upload it first`);
    }
    const manifest = await storeStillsManifest(ctx.blobs, request.body);
    const job = await ctx.importJobs.submit({ datasetId: id, createdBy: userOf(request).id, fileName: stillsFolderJobName(request.body), kind: 'stillsFolder', source: manifest });
    return reply.code(202).send(importJobOf(job));
  });
};
