/**
 * Admin upload of raw bytes into the blob store (`application/octet-stream`), streamed to disk
 * and answered with the blob's name and size. For files too large or not yet importable as DICOM
 * (whole-slide images, videos); whatever refers to a blob later names it by its SHA-256.
 */
import type { FastifyPluginAsync } from 'fastify';
import { ownBlobs } from '../../blobs/blobOwners';
import type { StoredBlob } from '../../blobs/blobStore';
import { inTransaction } from '../../db/transaction';
import { HttpError } from '../../http/errors';
import { acceptStreamedBody, isStreamedBody, storeBody } from '../../http/streamedBody';
import { userOf } from '../../plugins/auth';
import { writeAudit } from '../../services/audit';
import { recordBlob } from '../../services/blobs';

export const MAX_BLOB_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024;

export const blobRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  acceptStreamedBody(app, 'application/octet-stream');

  app.post<{ Body: unknown }>('/api/blobs', { config: { roles: ['admin'] } }, async (request, reply) => {
    const admin = userOf(request);
    const { body } = request;
    if (!isStreamedBody(body)) throw new HttpError(415, 'unsupported_media_type', 'send the bytes as Content-Type: application/octet-stream');
    const blob: StoredBlob = await storeBody(ctx.blobs, request, body, MAX_BLOB_UPLOAD_BYTES);
    const at = ctx.now().toISOString();
    await inTransaction(ctx.db, async (trx) => {
      await recordBlob(trx, blob, at);
      // Nothing names a raw upload: its uploader owns it, or the collector would take it.
      await ownBlobs(trx, { kind: 'upload', id: admin.id }, [blob]);
      await writeAudit(trx, { at, userId: admin.id, action: 'blob.upload', entity: 'blob', entityId: blob.sha256, detail: { size: blob.size } });
    });
    return reply.code(201).send({ sha256: blob.sha256, size: blob.size });
  });
};
