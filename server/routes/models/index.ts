/**
 * The model registry over HTTP (shapes in src/core/models/registryApi.ts): the list users choose
 * from, the ONNX bytes by hash for the client's cache, and the admin's upload, enable/disable,
 * delete and proposal statistics.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ModelList, ModelStats, ModelSummary } from '../../../src/core/models/registryApi';
import { BlobNotFoundError } from '../../blobs/blobStore';
import { inTransaction } from '../../db/transaction';
import { conflict, notFound } from '../../http/errors';
import { DEFAULT_MAX_MODEL_BYTES } from '../../models/checkModel';
import { deleteModel, findModel, isServableModelFile, listModels, modelExists, modelStats, setModelEnabled, summaryOf } from '../../models/registry';
import { userOf } from '../../plugins/auth';
import { writeAudit } from '../../services/audit';
import { modelUploadRoutes } from './upload';

export interface ModelRouteOptions {
  readonly maxModelBytes?: number;
}

const MODEL_ID = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' } as const;
const VERSION = { type: 'string', minLength: 5, maxLength: 100 } as const;
const modelParams = { type: 'object', required: ['id', 'version'], additionalProperties: false, properties: { id: MODEL_ID, version: VERSION } } as const;

export const modelRoutes: FastifyPluginAsync<ModelRouteOptions> = async (app, options) => {
  const { ctx } = app;
  await app.register(modelUploadRoutes, { maxModelBytes: options.maxModelBytes ?? DEFAULT_MAX_MODEL_BYTES });

  app.get<{ Querystring: { labelSetId?: string; itemKind?: string } }>(
    '/api/models',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { labelSetId: { type: 'string', maxLength: 100 }, itemKind: { type: 'string', enum: ['series', 'slide', 'frames'] } },
        },
      },
    },
    async (request): Promise<ModelList> => {
      const user = userOf(request);
      const rows = await listModels(ctx.db, { includeDisabled: user.roles.includes('admin'), ...request.query });
      return { models: rows.map(summaryOf) };
    },
  );

  app.get<{ Params: { sha256: string } }>(
    '/api/models/files/:sha256',
    { schema: { params: { type: 'object', required: ['sha256'], additionalProperties: false, properties: { sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } } } } },
    async (request, reply) => {
      const user = userOf(request);
      const { sha256 } = request.params;
      if (!(await isServableModelFile(ctx.db, sha256, user.roles.includes('admin')))) throw notFound(`no model file ${sha256}`);
      const blob = await ctx.blobs.stat(sha256);
      if (!blob) throw new BlobNotFoundError(sha256);
      // The name is the content's hash: it never changes, so any cache may keep it for good.
      return reply
        .header('Cache-Control', 'public, max-age=31536000, immutable')
        .header('ETag', `"${sha256}"`)
        .header('Content-Length', blob.size)
        .type('application/octet-stream')
        .send(await ctx.blobs.read(sha256));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/models/:id/stats',
    { config: { roles: ['admin'] }, schema: { params: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: MODEL_ID } } } },
    async (request): Promise<ModelStats> => {
      if (!(await modelExists(ctx.db, request.params.id))) throw notFound(`no model ${request.params.id}`);
      return modelStats(ctx.db, request.params.id);
    },
  );

  app.patch<{ Params: { id: string; version: string }; Body: { enabled: boolean } }>(
    '/api/admin/models/:id/:version',
    {
      config: { roles: ['admin'] },
      schema: { params: modelParams, body: { type: 'object', required: ['enabled'], additionalProperties: false, properties: { enabled: { type: 'boolean' } } } },
    },
    async (request): Promise<ModelSummary> => {
      const admin = userOf(request);
      const { id, version } = request.params;
      const { enabled } = request.body;
      const row = await findModel(ctx.db, id, version);
      if (!row) throw notFound(`no model ${id} ${version}`);
      const at = ctx.now().toISOString();
      await inTransaction(ctx.db, async (trx) => {
        await setModelEnabled(trx, id, version, enabled);
        await writeAudit(trx, { at, userId: admin.id, action: enabled ? 'model.enable' : 'model.disable', entity: 'model', entityId: `${id}@${version}` });
      });
      return summaryOf({ ...row, enabled });
    },
  );

  app.delete<{ Params: { id: string; version: string } }>(
    '/api/admin/models/:id/:version',
    { config: { roles: ['admin'] }, schema: { params: modelParams } },
    async (request, reply) => {
      const admin = userOf(request);
      const { id, version } = request.params;
      const row = await findModel(ctx.db, id, version);
      if (!row) throw notFound(`no model ${id} ${version}`);
      if (row.builtin) throw conflict('model_builtin', `model ${id} ships with the app and cannot be deleted; disable it instead`);
      const at = ctx.now().toISOString();
      await inTransaction(ctx.db, async (trx) => {
        await deleteModel(trx, id, version);
        await writeAudit(trx, { at, userId: admin.id, action: 'model.delete', entity: 'model', entityId: `${id}@${version}` });
      });
      return reply.code(204).send();
    },
  );
};
