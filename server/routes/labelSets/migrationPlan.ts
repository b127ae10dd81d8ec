/**
 * POST /api/datasets/:id/label-set-migration/plan (admin): what moving the dataset to another
 * version of its label set would do to its records, under the mapping given or the one proposed.
 * Read-only; refusals name the records a mapping would drop.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { MigrationPlanAnswer } from '../../../src/core/api';
import { planMigration, proposeMapping, type LabelSetMapping } from '../../../src/core/labelSets/migrationPlan';
import { badRequest, notFound } from '../../http/errors';
import { ADMIN_ROLES } from '../../http/rolePolicy';
import { findDataset } from '../../services/datasets';
import { countDatasetClasses } from '../../services/labelSetMigration/counts';
import { migrationBodySchema } from './schema';

export const migrationPlanRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  app.post<{ Params: { id: string }; Body: { toVersion: number; mapping?: LabelSetMapping } }>(
    '/api/datasets/:id/label-set-migration/plan',
    { schema: migrationBodySchema(false), config: { roles: ADMIN_ROLES } },
    async (request): Promise<MigrationPlanAnswer> => {
      const dataset = await findDataset(ctx.db, request.params.id);
      if (!dataset) throw notFound(`no dataset ${request.params.id}`);
      const from = await ctx.labelSets.get(dataset.label_set_id, dataset.label_set_version);
      const to = await ctx.labelSets.get(dataset.label_set_id, request.body.toVersion);
      if (!from || !to) throw badRequest(`no label set ${dataset.label_set_id} version ${request.body.toVersion}`);
      const mapping = request.body.mapping ?? proposeMapping(from, to);
      const counts = await countDatasetClasses(ctx.db, dataset.id, from);
      const verdict = planMigration(from, to, mapping, counts);
      return { mapping, counts, plan: verdict.ok ? verdict.value : null, refusals: verdict.ok ? [] : verdict.errors };
    },
  );
};
