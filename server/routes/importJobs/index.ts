/**
 * Import jobs (server/import/jobs): one job for its admin or its uploader, a dataset's recent jobs
 * for admins (so the upload screen finds them again), a failed job retried, and a queued or
 * running job cancelled by its uploader or an admin.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ImportJob } from '../../../src/core/api';
import { conflict, notFound } from '../../http/errors';
import { idParams } from '../../http/schemas';
import { isDeidSlideJob, STAGED_SLIDE_GONE } from '../../import/jobs/deidSlideJob';
import { findImportJob, importJobOf, listImportJobs, type ImportJobRow } from '../../import/jobs/jobRows';
import { userOf } from '../../plugins/auth';
import { findDataset } from '../../services/datasets';

export const importJobRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  /** The job, when the caller may see it: an admin any, another user their own. */
  async function visibleJob(request: FastifyRequest<{ Params: { id: string } }>): Promise<ImportJobRow> {
    const user = userOf(request);
    const row = await findImportJob(ctx.db, request.params.id);
    // Another user's job is not theirs to know of: the same answer as no job.
    if (!row || (!user.roles.includes('admin') && row.created_by !== user.id)) throw notFound(`no import job ${request.params.id}`);
    return row;
  }

  app.get<{ Params: { id: string } }>('/api/import-jobs/:id', { schema: { params: idParams } }, async (request): Promise<ImportJob> => importJobOf(await visibleJob(request)));

  app.post<{ Params: { id: string } }>('/api/import-jobs/:id/cancel', { schema: { params: idParams } }, async (request, reply: FastifyReply): Promise<ImportJob> => {
    const { id } = await visibleJob(request);
    const outcome = await ctx.importJobs.cancel(id);
    if (outcome === 'notRunning') throw conflict('job_not_running', 'only a queued or running import can be cancelled; this one has ended');
    // Cancelled at once (it was queued), or asked to stop, whichever instance builds it: its row says which.
    return reply.code(202).send(importJobOf((await findImportJob(ctx.db, id)) as ImportJobRow));
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
      const job = await findImportJob(ctx.db, id);
      if (!job) throw notFound(`no import job ${id}`);
      if (isDeidSlideJob(job)) throw conflict('job_not_retryable', STAGED_SLIDE_GONE);
      const row = await ctx.importJobs.retry(id);
      if (!row) throw conflict('job_not_failed', 'only a failed import can be retried; this one is queued, building or done');
      return reply.code(202).send(importJobOf(row));
    },
  );
};
