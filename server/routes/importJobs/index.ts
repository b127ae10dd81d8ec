/**
 * Slide import jobs (server/import/jobs): one job for its admin or its uploader, a dataset's
 * recent jobs for admins (so the upload screen finds them again), and a failed job retried.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ImportJob } from '../../../src/core/api';
import { conflict, notFound } from '../../http/errors';
import { idParams } from '../../http/schemas';
import { findImportJob, importJobOf, listImportJobs } from '../../import/jobs/jobRows';
import { userOf } from '../../plugins/auth';
import { findDataset } from '../../services/datasets';

export const importJobRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.get<{ Params: { id: string } }>('/api/import-jobs/:id', { schema: { params: idParams } }, async (request): Promise<ImportJob> => {
    const user = userOf(request);
    const row = await findImportJob(ctx.db, request.params.id);
    // Another user's job is not theirs to know of: the same answer as no job.
    if (!row || (!user.roles.includes('admin') && row.created_by !== user.id)) throw notFound(`no import job ${request.params.id}`);
    return importJobOf(row);
  });

  app.get<{ Params: { id: string } }>(
    '/api/datasets/:id/import-jobs',
    { schema: { params: idParams }, config: { roles: ['admin'] } },
    async (request): Promise<ImportJob[]> => {
      if (!(await findDataset(ctx.db, request.params.id))) throw notFound(`no dataset ${request.params.id}`);
      return (await listImportJobs(ctx.db, request.params.id)).map(importJobOf);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/import-jobs/:id/retry',
    { schema: { params: idParams }, config: { roles: ['admin'] } },
    async (request, reply: FastifyReply): Promise<ImportJob> => {
      const { id } = request.params;
      if (!(await findImportJob(ctx.db, id))) throw notFound(`no import job ${id}`);
      const row = await ctx.importJobs.retry(id);
      if (!row) throw conflict('job_not_failed', 'only a failed import can be retried; this one is queued, building or done');
      return reply.code(202).send(importJobOf(row));
    },
  );
};
