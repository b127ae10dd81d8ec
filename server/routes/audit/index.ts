/** The audit log, newest first (admin). Page back with `before=<seq>`. */
import type { FastifyPluginAsync } from 'fastify';
import { limitOf, limitQuery, seqQuery } from '../../http/schemas';
import { listAudit } from '../../services/audit';

const auditSchema = {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { limit: limitQuery, before: seqQuery },
  },
} as const;

export const auditRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  app.get<{ Querystring: { limit?: string; before?: string } }>('/api/audit', { schema: auditSchema, config: { roles: ['admin'] } }, async (request) =>
    listAudit(ctx.db, limitOf(request.query.limit, 100, 1000), request.query.before === undefined ? null : Number(request.query.before)),
  );
};
