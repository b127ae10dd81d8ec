/** The audit log, newest first (admin). Page back with `before=<seq>`. */
import type { FastifyPluginAsync } from 'fastify';
import { limitOf, limitQuery, seqQuery } from '../../http/schemas';
import { ADMIN_ROLES } from '../../http/rolePolicy';
import { userOf } from '../../plugins/auth';
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
  app.get<{ Querystring: { limit?: string; before?: string } }>('/api/audit', { schema: auditSchema, config: { roles: ADMIN_ROLES } }, async (request) =>
    listAudit(ctx.db, userOf(request), limitOf(request.query.limit, 100, 1000), request.query.before === undefined ? null : Number(request.query.before)),
  );
};
