/** Label sets, read-only over HTTP (built-ins are seeded at start). */
import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../../http/errors';
import { labelSetParamsSchema } from './schema';

export const labelSetRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.get('/api/label-sets', async () => ctx.labelSets.list());

  app.get<{ Params: { id: string; version: string } }>('/api/label-sets/:id/:version', { schema: labelSetParamsSchema }, async (request) => {
    const { id, version } = request.params;
    const labelSet = await ctx.labelSets.get(id, Number(version));
    if (!labelSet) throw notFound(`no label set ${id} version ${version}`);
    return labelSet;
  });
};
