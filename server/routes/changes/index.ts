/** The change feed: revisions after a checkpoint, so a client catches up after being away. */
import type { FastifyPluginAsync } from 'fastify';
import { limitOf, limitQuery, seqQuery } from '../../http/schemas';
import { userOf } from '../../plugins/auth';
import { readChanges } from '../../services/changes';

const changesSchema = {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { since: seqQuery, limit: limitQuery },
  },
} as const;

export const changeRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  app.get<{ Querystring: { since?: string; limit?: string } }>('/api/changes', { schema: changesSchema }, async (request) =>
    readChanges(ctx.db, userOf(request), Number(request.query.since ?? '0'), limitOf(request.query.limit, 500, 1000)),
  );
};
