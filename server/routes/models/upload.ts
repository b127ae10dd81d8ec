/**
 * An admin's own model in two requests: the manifest (JSON), checked at once against the schema
 * and its label set, then the ONNX file(s) as one raw body, checked against the manifest before
 * anything enters the blob store. A refusal answers 422 with every reason and keeps nothing: not
 * the upload, not a blob, not a row.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { StoredBlob } from '../../blobs/blobStore';
import type { ModelManifest } from '../../../src/core/models/manifest';
import type { ModelRefusal, ModelSummary, ModelUploadStarted } from '../../../src/core/models/registryApi';
import { validateManifest } from '../../../src/core/models/validateManifest';
import { isUniqueViolation } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import type { AppContext } from '../../http/context';
import { conflict, HttpError, notFound } from '../../http/errors';
import { uuid } from '../../http/schemas';
import { acceptStreamedBody, isStreamedBody } from '../../http/streamedBody';
import { checkModelAgainstManifest, manifestFiles } from '../../models/checkModel';
import { newestLabelSet } from '../../models/newestLabelSet';
import { readUploadedFiles, UploadSizeError } from '../../models/readUploadedFiles';
import { findModel, insertModel, summaryOf } from '../../models/registry';
import { userOf } from '../../plugins/auth';
import { writeAudit } from '../../services/audit';
import { recordBlob } from '../../services/blobs';

export interface ModelUploadOptions {
  /** Largest ONNX file accepted (checkModel.ts DEFAULT_MAX_MODEL_BYTES unless configured). */
  readonly maxModelBytes: number;
}

/** An upload whose files have not come within a day was given up. */
const ABANDONED_UPLOAD_MS = 24 * 60 * 60 * 1000;

function refuse(reply: FastifyReply, reasons: readonly string[]): FastifyReply {
  const body: ModelRefusal = { error: 'model_refused', message: reasons.join('; '), reasons };
  return reply.code(422).send(body);
}

/** Schema, label set and limits; every reason, or the manifest. */
async function checkManifest(ctx: AppContext, input: unknown, maxModelBytes: number): Promise<{ manifest: ModelManifest } | { reasons: string[] }> {
  const labelSetId = typeof input === 'object' && input !== null ? (input as { labelSetId?: unknown }).labelSetId : undefined;
  const labelSet = typeof labelSetId === 'string' ? await newestLabelSet(ctx.db, ctx.labelSets, labelSetId) : null;
  const result = validateManifest(input, labelSet ?? undefined);
  if (!result.ok) return { reasons: result.errors };
  const reasons: string[] = [];
  if (!labelSet) reasons.push(`labelSetId: there is no label set "${result.value.labelSetId}" on this server`);
  if (result.value.files.kind === 'builtin') reasons.push('files.kind: a built-in model ships with the app and cannot be uploaded');
  for (const { role, file } of manifestFiles(result.value)) {
    if (file.bytes > maxModelBytes) reasons.push(`files.${role}.bytes: ${file.bytes} bytes is more than the ${maxModelBytes} bytes allowed for a model file`);
  }
  return reasons.length > 0 ? { reasons } : { manifest: result.value };
}

async function dropUpload(db: Kysely<Database>, uploadId: string): Promise<void> {
  await db.deleteFrom('model_uploads').where('id', '=', uploadId).execute();
}

export const modelUploadRoutes: FastifyPluginAsync<ModelUploadOptions> = async (app, options) => {
  const { ctx } = app;
  acceptStreamedBody(app, 'application/octet-stream');

  app.post<{ Body: { manifest: unknown } }>(
    '/api/admin/models',
    { config: { roles: ['admin'] }, schema: { body: { type: 'object', required: ['manifest'], additionalProperties: false, properties: { manifest: {} } } } },
    async (request, reply) => {
      const admin = userOf(request);
      const checked = await checkManifest(ctx, request.body.manifest, options.maxModelBytes);
      if ('reasons' in checked) return refuse(reply, checked.reasons);
      const { manifest } = checked;
      if (await findModel(ctx.db, manifest.id, manifest.version)) {
        throw conflict('model_exists', `model ${manifest.id} ${manifest.version} is registered already; give the new one another version`);
      }
      const uploadId = randomUUID();
      const now = ctx.now();
      await inTransaction(ctx.db, async (trx) => {
        // A restarted upload of the same version replaces the one left unfinished; uploads abandoned for a day go.
        await trx.deleteFrom('model_uploads').where('model_id', '=', manifest.id).where('model_version', '=', manifest.version).execute();
        await trx.deleteFrom('model_uploads').where('created_at', '<', new Date(now.getTime() - ABANDONED_UPLOAD_MS).toISOString()).execute();
        await trx
          .insertInto('model_uploads')
          .values({ id: uploadId, model_id: manifest.id, model_version: manifest.version, manifest: JSON.stringify(manifest), created_by: admin.id, created_at: now.toISOString() })
          .execute();
      });
      const started: ModelUploadStarted = { uploadId, files: manifestFiles(manifest).map(({ role, file }) => ({ role, sha256: file.sha256, bytes: file.bytes })) };
      return reply.code(201).send(started);
    },
  );

  app.put<{ Params: { uploadId: string }; Body: unknown }>(
    '/api/admin/models/uploads/:uploadId',
    { config: { roles: ['admin'] }, schema: { params: { type: 'object', required: ['uploadId'], properties: { uploadId: uuid } } } },
    async (request, reply) => {
      const admin = userOf(request);
      const { uploadId } = request.params;
      const upload = await ctx.db.selectFrom('model_uploads').selectAll().where('id', '=', uploadId).executeTakeFirst();
      if (!upload) throw notFound(`no model upload ${uploadId} (it was finished, refused or replaced)`);
      if (!isStreamedBody(request.body)) throw new HttpError(415, 'unsupported_media_type', 'send the ONNX bytes as Content-Type: application/octet-stream');
      const manifest = JSON.parse(upload.manifest) as ModelManifest;
      let files;
      try {
        files = await readUploadedFiles(manifest, request.body);
      } catch (error) {
        if (!(error instanceof UploadSizeError)) throw error;
        await dropUpload(ctx.db, uploadId);
        return refuse(reply, [error.message]);
      }
      const reasons = checkModelAgainstManifest(manifest, files, { maxBytes: options.maxModelBytes });
      if (reasons.length > 0) {
        await dropUpload(ctx.db, uploadId);
        return refuse(reply, reasons);
      }
      const stored: StoredBlob[] = [];
      for (const { role } of manifestFiles(manifest)) stored.push(await ctx.blobs.put(Readable.from([files[role] as Uint8Array])));
      const at = ctx.now().toISOString();
      try {
        const row = await inTransaction(ctx.db, async (trx) => {
          for (const blob of stored) await recordBlob(trx, blob, at);
          const inserted = await insertModel(trx, manifest, { builtin: false, enabled: true, uploadedBy: admin.id, at });
          await trx.deleteFrom('model_uploads').where('id', '=', uploadId).execute();
          await writeAudit(trx, {
            at,
            userId: admin.id,
            action: 'model.upload',
            entity: 'model',
            entityId: `${manifest.id}@${manifest.version}`,
            detail: { files: stored.map((b) => b.sha256) },
          });
          return inserted;
        });
        const summary: ModelSummary = summaryOf(row);
        return reply.code(201).send(summary);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        await dropUpload(ctx.db, uploadId);
        throw conflict('model_exists', `model ${manifest.id} ${manifest.version} was registered meanwhile; give this one another version`);
      }
    },
  );
};
