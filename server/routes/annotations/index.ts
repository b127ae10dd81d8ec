/**
 * Annotation documents under the sync protocol (see src/core/api.ts), the item workflow
 * (submit, review) and, for reviewers, every annotator's head of an item.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ReviewDecision } from '../../../src/core/api';
import { progressOf } from '../../../src/core/progress';
import { validateAnnotationDocument } from '../../../src/core/validate';
import { badRequest, forbidden } from '../../http/errors';
import { baseRevisionOf, etagOf, idempotencyKeyOf } from '../../http/preconditions';
import { userOf } from '../../plugins/auth';
import { visibleItem } from '../../services/access';
import { applyDocumentWrite, applyReview, applySubmit, listHeads, listRevisions, readHead } from '../../services/annotations';
import { findDataset } from '../../services/datasets';
import { idempotentWrite, requestHash, type IdempotencyKey, type WriteReply } from '../../services/idempotentWrite';
import { targetIdsOf } from '../../services/items';
import { itemParamsSchema, putDocumentSchema, reviewSchema } from './schema';

function keyOf(request: FastifyRequest, userId: string, key: string | null, baseRevision: number | null): IdempotencyKey | null {
  if (key === null) return null;
  const parts = [request.method, request.url.split('?')[0] ?? '', String(baseRevision ?? ''), JSON.stringify(request.body ?? null)];
  return { userId, key, requestHash: requestHash(parts) };
}

function send(reply: FastifyReply, result: WriteReply): FastifyReply {
  if (result.replayed) reply.header('Idempotent-Replayed', 'true');
  return reply.code(result.status).send(result.body);
}

export const annotationRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.get<{ Params: { id: string } }>('/api/items/:id/annotations/me', { schema: itemParamsSchema }, async (request, reply) => {
    const user = userOf(request);
    const { item } = await visibleItem(ctx.db, user, request.params.id);
    const head = await readHead(ctx.db, item.id, user.id);
    return reply.header('ETag', etagOf(head.revision)).send(head);
  });

  app.put<{ Params: { id: string }; Body: unknown }>('/api/items/:id/annotations/me', { schema: putDocumentSchema }, async (request, reply) => {
    const user = userOf(request);
    const { item, state } = await visibleItem(ctx.db, user, request.params.id);
    if (state === null) throw forbidden('this item is not assigned to you');
    const baseRevision = baseRevisionOf(request);
    const opId = idempotencyKeyOf(request, true);

    const dataset = await findDataset(ctx.db, item.dataset_id);
    const labelSet = dataset ? await ctx.labelSets.get(dataset.label_set_id, dataset.label_set_version) : null;
    if (!labelSet) throw new Error(`item ${item.id} has no label set`);
    const targetIds = targetIdsOf(item);
    const checked = validateAnnotationDocument(request.body, labelSet, new Set(targetIds));
    if (!checked.ok) throw badRequest(`invalid annotation document: ${checked.errors.slice(0, 10).join('; ')}`);
    const document = checked.value;
    if (document.itemId !== item.id) throw badRequest(`document itemId must be ${item.id}`);
    if (document.annotatorId !== user.id) throw badRequest(`document annotatorId must be your user id ${user.id}`);

    const labelled = progressOf(document, targetIds).labelled;
    const result = await idempotentWrite(ctx, keyOf(request, user.id, opId, baseRevision), (trx, at) =>
      applyDocumentWrite(trx, { itemId: item.id, userId: user.id, baseRevision, opId, document, labelled }, at),
    );
    if (result.status === 200) reply.header('ETag', etagOf((result.body as { revision: number }).revision));
    return send(reply, result);
  });

  app.get<{ Params: { id: string } }>('/api/items/:id/annotations/me/revisions', { schema: itemParamsSchema }, async (request) => {
    const user = userOf(request);
    const { item } = await visibleItem(ctx.db, user, request.params.id);
    return listRevisions(ctx.db, item.id, user.id);
  });

  app.get<{ Params: { id: string } }>(
    '/api/items/:id/annotations',
    { schema: itemParamsSchema, config: { roles: ['reviewer', 'admin'] } },
    async (request) => {
      const { item } = await visibleItem(ctx.db, userOf(request), request.params.id);
      return listHeads(ctx.db, item.id);
    },
  );

  app.post<{ Params: { id: string } }>('/api/items/:id/submit', { schema: itemParamsSchema }, async (request, reply) => {
    const user = userOf(request);
    const { item, state } = await visibleItem(ctx.db, user, request.params.id);
    if (state === null) throw forbidden('this item is not assigned to you');
    const baseRevision = baseRevisionOf(request);
    const key = keyOf(request, user.id, idempotencyKeyOf(request, false), baseRevision);
    const result = await idempotentWrite(ctx, key, (trx, at) => applySubmit(trx, { itemId: item.id, userId: user.id, baseRevision }, at));
    return send(reply, result);
  });

  app.post<{ Params: { id: string }; Body: ReviewDecision }>(
    '/api/items/:id/review',
    { schema: reviewSchema, config: { roles: ['reviewer'] } },
    async (request, reply) => {
      const reviewer = userOf(request);
      const { item } = await visibleItem(ctx.db, reviewer, request.params.id);
      const { annotatorId, decision, comment } = request.body;
      if (annotatorId === reviewer.id) throw forbidden('a reviewer cannot review their own annotations');
      const key = keyOf(request, reviewer.id, idempotencyKeyOf(request, false), null);
      const result = await idempotentWrite(ctx, key, (trx, at) =>
        applyReview(trx, { itemId: item.id, reviewerId: reviewer.id, annotatorId, decision, comment: comment ?? null }, at),
      );
      return send(reply, result);
    },
  );
};
