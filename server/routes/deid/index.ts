/**
 * De-identification, admins only: a dataset's policy (read, set), the project key for the keyed
 * hashes in the uploading admin's browser (never cached, every hand-out audited), and the per-file
 * reports of what de-identification did (posted by the browser after each upload, listed here).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { DeidKeyAnswer, DeidPolicyAnswer, DeidReportsAnswer, SetDeidPolicyRequest } from '../../../src/core/api';
import { BASIC_PROFILE_ONLY } from '../../../src/core/deid/policy';
import { parseDeidReport } from '../../../src/core/deid/report';
import { listDeidReports, readDeidKey, readDeidPolicy, saveDeidReport, setDeidPolicy } from '../../deid/policies';
import { badRequest, notFound } from '../../http/errors';
import { idParams } from '../../http/schemas';
import { userOf } from '../../plugins/auth';
import { writeAudit } from '../../services/audit';
import { findDataset } from '../../services/datasets';
import { deidKeySchema, postDeidReportSchema, setDeidPolicySchema } from './schema';

const ADMIN = { roles: ['admin'] } as const;

export const deidRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  const existing = async (id: string) => {
    if (!(await findDataset(ctx.db, id))) throw notFound(`no dataset ${id}`);
  };

  app.get<{ Params: { id: string } }>('/api/datasets/:id/deid-policy', { schema: { params: idParams }, config: ADMIN }, async (request): Promise<DeidPolicyAnswer> => {
    await existing(request.params.id);
    return readDeidPolicy(ctx.db, request.params.id);
  });

  app.put<{ Params: { id: string }; Body: SetDeidPolicyRequest }>(
    '/api/datasets/:id/deid-policy',
    { schema: setDeidPolicySchema, config: ADMIN },
    async (request): Promise<DeidPolicyAnswer> => {
      await existing(request.params.id);
      const { mode, options } = request.body;
      if (mode === 'required' && !options) throw badRequest('a required policy names its options');
      return setDeidPolicy(ctx.db, request.params.id, mode, options ?? BASIC_PROFILE_ONLY, userOf(request).id, ctx.now().toISOString());
    },
  );

  app.get<{ Params: { keyId: string } }>('/api/deid-keys/:keyId', { schema: deidKeySchema, config: ADMIN }, async (request, reply): Promise<DeidKeyAnswer> => {
    const { keyId } = request.params;
    const key = await readDeidKey(ctx.db, keyId);
    if (!key) throw notFound(`no de-identification key ${keyId}`);
    await writeAudit(ctx.db, { at: ctx.now().toISOString(), userId: userOf(request).id, action: 'deid.keyRead', entity: 'deid_key', entityId: keyId });
    void reply.header('Cache-Control', 'private, no-store');
    return { keyId, key: Buffer.from(key).toString('base64') };
  });

  app.get<{ Params: { id: string } }>('/api/datasets/:id/deid-reports', { schema: { params: idParams }, config: ADMIN }, async (request): Promise<DeidReportsAnswer> => {
    await existing(request.params.id);
    return listDeidReports(ctx.db, request.params.id);
  });

  app.post<{ Params: { id: string }; Body: unknown }>('/api/datasets/:id/deid-reports', { schema: postDeidReportSchema, config: ADMIN }, async (request, reply) => {
    const { id } = request.params;
    await existing(id);
    const report = parseDeidReport(request.body);
    if (!report) throw badRequest('not a de-identification report (attribute paths, keywords and outcomes only)');
    // A report belongs to a stored file: one for an instance the dataset does not hold is refused.
    const file = await ctx.db.selectFrom('item_files').select('id').where('dataset_id', '=', id).where('sop_instance_uid', '=', report.sopInstanceUid).executeTakeFirst();
    if (!file) throw notFound(`no instance ${report.sopInstanceUid} in dataset ${id}`);
    await saveDeidReport(ctx.db, id, report, ctx.now().toISOString());
    return reply.code(204).send();
  });
};
