/**
 * The WG dashboard of a dataset: GET /api/datasets/:id/dashboard gives the aggregates its first
 * paint draws (O(assignments)); GET /api/datasets/:id/dashboard/questions the per-question
 * counts, which read every record and so come after, as agreement does. For those who oversee the
 * work and read none of it (services/dashboard/oversightDataset.ts).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { DashboardQuestions, DatasetDashboard } from '../../../src/core/api';
import { OVERSIGHT_ROLES } from '../../http/rolePolicy';
import { idParams } from '../../http/schemas';
import { userOf } from '../../plugins/auth';
import { datasetDashboard } from '../../services/dashboard/datasetDashboard';
import { oversightDataset } from '../../services/dashboard/oversightDataset';
import { questionProgress } from '../../services/dashboard/questionProgress';

const OVERSIGHT = { roles: OVERSIGHT_ROLES } as const;

export const dashboardRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.get<{ Params: { id: string } }>('/api/datasets/:id/dashboard', { schema: { params: idParams }, config: OVERSIGHT }, async (request): Promise<DatasetDashboard> => {
    const dataset = await oversightDataset(ctx.db, userOf(request), request.params.id);
    return datasetDashboard(ctx.db, dataset.id, ctx.now());
  });

  app.get<{ Params: { id: string } }>('/api/datasets/:id/dashboard/questions', { schema: { params: idParams }, config: OVERSIGHT }, async (request): Promise<DashboardQuestions> => {
    const dataset = await oversightDataset(ctx.db, userOf(request), request.params.id);
    return questionProgress(ctx.db, dataset.id);
  });
};
