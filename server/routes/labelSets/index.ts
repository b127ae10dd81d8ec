/** Label sets: read by everyone signed in; exported, imported and saved as new versions by admins, who also move datasets between versions. */
import type { FastifyPluginAsync } from 'fastify';
import type { LabelSetSaved } from '../../../src/core/api';
import { notFound } from '../../http/errors';
import { ADMIN_ROLES } from '../../http/rolePolicy';
import { userOf } from '../../plugins/auth';
import { importLabelSet, saveLabelSetVersion } from '../../services/labelSetWrites';
import { migrationPlanRoutes } from './migrationPlan';
import { migrationRunRoutes } from './migrationRuns';
import { labelSetBodySchema, labelSetParamsSchema } from './schema';

export const labelSetRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.get('/api/label-sets', async () => ctx.labelSets.list());

  const stored = async (id: string, version: string) => {
    const labelSet = await ctx.labelSets.get(id, Number(version));
    if (!labelSet) throw notFound(`no label set ${id} version ${version}`);
    return labelSet;
  };

  app.get<{ Params: { id: string; version: string } }>('/api/label-sets/:id/:version', { schema: labelSetParamsSchema }, async (request) =>
    stored(request.params.id, request.params.version),
  );

  // The file another installation imports as is: same id, same version.
  app.get<{ Params: { id: string; version: string } }>(
    '/api/label-sets/:id/:version/export',
    { schema: labelSetParamsSchema, config: { roles: ADMIN_ROLES } },
    async (request, reply) => {
      const { id, version } = request.params;
      const labelSet = await stored(id, version);
      return reply.header('content-disposition', `attachment; filename="label-set-${id}-v${version}.json"`).send(labelSet);
    },
  );

  app.post('/api/label-sets/import', { schema: labelSetBodySchema, config: { roles: ADMIN_ROLES } }, async (request, reply) => {
    const saved: LabelSetSaved = await importLabelSet(ctx.db, request.body, userOf(request).id, ctx.now().toISOString());
    return reply.code(saved.status === 'created' ? 201 : 200).send(saved);
  });

  app.post('/api/label-sets', { schema: labelSetBodySchema, config: { roles: ADMIN_ROLES } }, async (request, reply) => {
    const saved = await saveLabelSetVersion(ctx.db, request.body, userOf(request).id, ctx.now().toISOString());
    return reply.code(201).send(saved);
  });

  await app.register(migrationPlanRoutes);
  await app.register(migrationRunRoutes);
};
