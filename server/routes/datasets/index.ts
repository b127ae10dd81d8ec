/** Datasets: listing with the caller's progress, creation (admin) and assignment of items (admin, WG lead). */
import type { FastifyPluginAsync } from 'fastify';
import type { AssignRequest, CreateDatasetRequest } from '../../../src/core/api';
import { isUniqueViolation } from '../../db/dialect';
import { badRequest, conflict, notFound } from '../../http/errors';
import { ASSIGN_ROLES } from '../../http/rolePolicy';
import { userOf } from '../../plugins/auth';
import { assignItems, createDataset, findDataset, listDatasets } from '../../services/datasets';
import { assignSchema, createDatasetSchema } from './schema';
import { uploadRoutes } from './upload';

export const datasetRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.get('/api/datasets', async (request) => listDatasets(ctx.db, userOf(request)));

  app.post<{ Body: CreateDatasetRequest }>('/api/datasets', { schema: createDatasetSchema, config: { roles: ['admin'] } }, async (request, reply) => {
    const admin = userOf(request);
    const { name, description = '', labelSetId, labelSetVersion } = request.body;
    if (name.trim() === '') throw badRequest('name must not be blank');
    if (!(await ctx.labelSets.get(labelSetId, labelSetVersion))) {
      throw badRequest(`unknown label set ${labelSetId} version ${labelSetVersion}`);
    }
    try {
      const dataset = await createDataset(ctx.db, { name: name.trim(), description, labelSetId, labelSetVersion }, admin.id, ctx.now().toISOString());
      return reply.code(201).send(dataset);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('name_taken', `a dataset named "${name.trim()}" exists`);
      throw error;
    }
  });

  app.post<{ Params: { id: string }; Body: AssignRequest }>(
    '/api/datasets/:id/assignments',
    { schema: assignSchema, config: { roles: ASSIGN_ROLES } },
    async (request) => {
      const assigner = userOf(request);
      const { id } = request.params;
      if (!(await findDataset(ctx.db, id))) throw notFound(`no dataset ${id}`);
      const { userId, itemIds } = request.body;
      const user = await ctx.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
      if (!user) throw badRequest(`no user ${userId}`);
      const result = await assignItems(ctx.db, id, userId, itemIds ?? null, assigner.id, ctx.now().toISOString());
      if (result.unknownItemIds.length > 0) {
        throw badRequest(`not items of this dataset: ${result.unknownItemIds.slice(0, 5).join(', ')}${result.unknownItemIds.length > 5 ? ', …' : ''}`);
      }
      return { assigned: result.assigned };
    },
  );

  await app.register(uploadRoutes);
};
