/** The audit log (admin): filtered pages, newest first (page back with `before=<seq>`), and the hash chain's check. */
import type { FastifyPluginAsync } from 'fastify';
import type { AuditChainVerdict } from '../../../src/core/api';
import { limitOf, limitQuery, seqQuery } from '../../http/schemas';
import { ADMIN_ROLES } from '../../http/rolePolicy';
import { userOf } from '../../plugins/auth';
import { listAudit } from '../../services/audit';
import { verifyAuditChain } from '../../services/auditChain/verify';
import { auditFilterOf, type AuditQuery } from './filter';

const text = { type: 'string', maxLength: 200 } as const;

const auditSchema = {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { limit: limitQuery, before: seqQuery, user: text, entity: text, action: text, from: text, to: text },
  },
} as const;

const ADMIN = { roles: ADMIN_ROLES } as const;

export const auditRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  app.get<{ Querystring: AuditQuery }>('/api/audit', { schema: auditSchema, config: ADMIN }, async (request) =>
    listAudit(ctx.db, userOf(request), limitOf(request.query.limit, 100, 1000), auditFilterOf(request.query)),
  );
  app.get('/api/audit/verify', { config: ADMIN }, async (): Promise<AuditChainVerdict> => {
    await ctx.auditSealer.seal();
    return verifyAuditChain(ctx.db);
  });
};
