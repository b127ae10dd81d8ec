/**
 * Applying a label-set migration to a dataset and undoing it (admin):
 * POST /api/datasets/:id/label-set-migration/apply { toVersion, mapping } → LabelSetMigrationRun
 * (400 with the planner's reasons for a refused mapping, 409 when the dataset moved meanwhile);
 * POST /api/datasets/:id/label-set-migration/undo → LabelSetMigrationUndo (409 after a release);
 * GET /api/datasets/:id/label-set-migration → LabelSetMigrationStatus (the last run, undoable or not).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { LabelSetMigrationRun, LabelSetMigrationStatus, LabelSetMigrationUndo } from '../../../src/core/api';
import type { LabelSetMapping } from '../../../src/core/labelSets/migrationPlan';
import { badRequest, notFound } from '../../http/errors';
import { ADMIN_ROLES } from '../../http/rolePolicy';
import { userOf } from '../../plugins/auth';
import { findDataset } from '../../services/datasets';
import { applyMigration } from '../../services/labelSetMigration/apply';
import { lastRunStatus } from '../../services/labelSetMigration/runs';
import { undoMigration } from '../../services/labelSetMigration/undo';
import { datasetParamsSchema, migrationBodySchema } from './schema';

export const migrationRunRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  const datasetOf = async (id: string) => {
    const dataset = await findDataset(ctx.db, id);
    if (!dataset) throw notFound(`no dataset ${id}`);
    return dataset;
  };

  app.get<{ Params: { id: string } }>(
    '/api/datasets/:id/label-set-migration',
    { schema: { params: datasetParamsSchema }, config: { roles: ADMIN_ROLES } },
    async (request): Promise<LabelSetMigrationStatus> => {
      const dataset = await datasetOf(request.params.id);
      return { last: await lastRunStatus(ctx.db, dataset.id) };
    },
  );

  app.post<{ Params: { id: string }; Body: { toVersion: number; mapping: LabelSetMapping } }>(
    '/api/datasets/:id/label-set-migration/apply',
    { schema: migrationBodySchema(true), config: { roles: ADMIN_ROLES } },
    async (request): Promise<LabelSetMigrationRun> => {
      const dataset = await datasetOf(request.params.id);
      const from = await ctx.labelSets.get(dataset.label_set_id, dataset.label_set_version);
      const to = await ctx.labelSets.get(dataset.label_set_id, request.body.toVersion);
      if (!from || !to) throw badRequest(`no label set ${dataset.label_set_id} version ${request.body.toVersion}`);
      const migration = { datasetId: dataset.id, from, to, mapping: request.body.mapping, userId: userOf(request).id };
      return ctx.db.transaction().execute((trx) => applyMigration(trx, migration, ctx.now().toISOString()));
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/datasets/:id/label-set-migration/undo',
    { schema: { params: datasetParamsSchema }, config: { roles: ADMIN_ROLES } },
    async (request): Promise<LabelSetMigrationUndo> => {
      const dataset = await datasetOf(request.params.id);
      return ctx.db.transaction().execute((trx) => undoMigration(trx, dataset.id, userOf(request).id, ctx.now().toISOString()));
    },
  );
};
