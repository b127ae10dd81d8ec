/** The change feed: applied ops after a checkpoint, so a client catches up after being away. */
import type { FastifyPluginAsync } from 'fastify';
import { checkpointQuery, limitOf, limitQuery } from '../../http/schemas';
import { userOf } from '../../plugins/auth';
import { readChanges } from '../../services/annotations/feed';

const changesSchema = {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { since: checkpointQuery, limit: limitQuery },
  },
} as const;

export const changeRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  app.get<{ Querystring: { since?: string; limit?: string } }>('/api/changes', { schema: changesSchema }, async (request) =>
    readChanges(ctx.db, userOf(request), request.query.since ?? '', limitOf(request.query.limit, 500, 1000)),
  );
};
