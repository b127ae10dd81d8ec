/** Datasets: listing with the caller's progress, creation (admin) and assignment of items (admin, WG lead). */
import type { FastifyPluginAsync } from 'fastify';
import type { AssignRequest, AssignResult, CreateDatasetRequest } from '../../../src/core/api';
import { isCalendarDate } from '../../../src/core/calendarDate';
import { isUniqueViolation } from '../../db/dialect';
import { badRequest, conflict, notFound } from '../../http/errors';
import { ASSIGN_ROLES } from '../../http/rolePolicy';
import { userOf } from '../../plugins/auth';
import { assignReaders } from '../../services/assignments';
import { createDataset, findDataset, listDatasets } from '../../services/datasets';
import { assignSchema, createDatasetSchema } from './schema';
import { stillsUploadRoutes } from './stillsUpload';
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
    async (request): Promise<AssignResult> => {
      const actor = userOf(request);
      const { id } = request.params;
      if (!(await findDataset(ctx.db, id))) throw notFound(`no dataset ${id}`);
      const { readerIds, strategy = 'everyReader', readersPerItem = 1, itemIds, dueDate } = request.body;
      const readers = [...new Set(readerIds)];
      const found = await ctx.db.selectFrom('users').select('id').where('id', 'in', readers).execute();
      const missing = readers.filter((readerId) => !found.some((row) => row.id === readerId));
      if (missing.length > 0) throw badRequest(`no user ${missing.join(', ')}`);
      if (strategy !== 'everyReader' && readersPerItem > readers.length) {
        throw badRequest(`${readersPerItem} readers per item needs at least ${readersPerItem} readers; ${readers.length} were named`);
      }
      if (dueDate !== undefined && !isCalendarDate(dueDate)) throw badRequest(`due date ${dueDate} is not a calendar day (YYYY-MM-DD)`);
      const result = await assignReaders(
        ctx.db,
        { datasetId: id, readerIds: readers, strategy, readersPerItem, itemIds: itemIds ?? null, dueDate: dueDate ?? null },
        actor.id,
        ctx.now().toISOString(),
      );
      if (result.unknownItemIds.length > 0) {
        throw badRequest(`not items of this dataset: ${result.unknownItemIds.slice(0, 5).join(', ')}${result.unknownItemIds.length > 5 ? ', …' : ''}`);
      }
      return { assigned: result.assigned, readers: result.readers };
    },
  );

  await app.register(uploadRoutes);
  await app.register(stillsUploadRoutes);
};
