/**
 * Annotation documents under the record-level sync protocol (see src/core/api/records.ts): op batches,
 * record pages, ops since a revision, the item workflow (submit, review) and, for those who
 * oversee an item without reading it (http/rolePolicy.ts), every annotator's head and records.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_COMMENT_BODY, MAX_RECORD_PAGE, type BatchResult, type CommentAnchor, type DocumentInfo, type ReviewDecision } from '../../../src/core/api';
import type { LabelSet } from '../../../src/core/labelSet';
import { badRequest, forbidden, HttpError } from '../../http/errors';
import { baseRevisionOf, etagOf, idempotencyKeyOf } from '../../http/preconditions';
import { limitOf } from '../../http/schemas';
import type { AppContext } from '../../http/context';
import { userOf } from '../../plugins/auth';
import { OVERSIGHT_ROLES, REVIEW_ROLES } from '../../http/rolePolicy';
import { assertNotReader, visibleAnnotatedItem, type AnnotatedItem } from '../../services/access';
import { applyBatch } from '../../services/annotations/applyBatch';
import { listHeads, listRevisions, readHead, readOpsSince, readRecordPage, type RecordQuery } from '../../services/annotations/reads';
import { applyReview, applySubmit } from '../../services/annotations/workflow';
import { itemAnchor, messageBody } from '../../services/review/itemAnchor';
import { idempotentWrite, requestHash, type IdempotencyKey, type WriteReply } from '../../services/idempotentWrite';
import {
  MAX_BATCH_BODY_BYTES,
  annotatorRecordsSchema,
  itemParamsSchema,
  myRecordsSchema,
  opsSinceSchema,
  patchBatchSchema,
  reviewSchema,
  type RecordPageQuery,
} from './schema';

function keyOf(request: FastifyRequest, userId: string, key: string | null, baseRevision: number | null): IdempotencyKey | null {
  if (key === null) return null;
  const parts = [request.method, request.url.split('?')[0] ?? '', String(baseRevision ?? ''), JSON.stringify(request.body ?? null)];
  return { userId, key, requestHash: requestHash(parts) };
}

function send(reply: FastifyReply, result: WriteReply): FastifyReply {
  if (result.replayed) reply.header('Idempotent-Replayed', 'true');
  return reply.code(result.status).send(result.body);
}

async function labelSetOf(ctx: AppContext, item: AnnotatedItem): Promise<LabelSet> {
  const labelSet = await ctx.labelSets.get(item.labelSetId, item.labelSetVersion);
  if (!labelSet) throw new Error(`item ${item.id} has no label set`);
  return labelSet;
}

function recordQueryOf(query: RecordPageQuery): RecordQuery {
  let box: RecordQuery['box'] = null;
  if (query.bbox !== undefined) {
    const [minX = 0, minY = 0, maxX = 0, maxY = 0] = query.bbox.split(',').map(Number);
    if (maxX < minX || maxY < minY) throw badRequest('bbox must be x0,y0,x1,y1 with x0 ≤ x1 and y0 ≤ y1');
    box = { minX, minY, maxX, maxY };
  }
  return { after: query.after ?? null, limit: limitOf(query.limit, 1000, MAX_RECORD_PAGE), target: query.target ?? null, box };
}

/** A return's comment pinned to `anchor` becomes a review thread: only a return with a comment has one. */
async function returnAnchor(ctx: AppContext, item: AnnotatedItem, body: ReviewDecision): Promise<CommentAnchor> {
  if (body.decision !== 'return') throw badRequest('only a return carries an anchor: its comment is pinned there');
  messageBody(body.comment ?? '');
  if ((body.comment ?? '').length > MAX_COMMENT_BODY) throw badRequest(`a comment pinned to the work is at most ${MAX_COMMENT_BODY} characters`);
  return itemAnchor(ctx.itemTargets, item, body.anchor);
}

export const annotationRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.get<{ Params: { id: string } }>('/api/items/:id/annotations/me', { schema: itemParamsSchema }, async (request, reply) => {
    const user = userOf(request);
    const item = await visibleAnnotatedItem(ctx.db, user, request.params.id);
    const head = await readHead(ctx.db, { itemId: item.id, annotatorId: user.id });
    const info: DocumentInfo = { ...head, labelSetId: item.labelSetId, labelSetVersion: item.labelSetVersion };
    return reply.header('ETag', etagOf(info.revision)).send(info);
  });

  // The body arrives as bytes and is parsed and validated by the batch pool, off the event loop when large.
  const patchOptions = { schema: patchBatchSchema, bodyLimit: MAX_BATCH_BODY_BYTES, config: { rawJsonBody: true } };
  app.patch<{ Params: { id: string }; Body: unknown }>('/api/items/:id/annotations/me', patchOptions, async (request, reply) => {
    const user = userOf(request);
    const item = await visibleAnnotatedItem(ctx.db, user, request.params.id);
    if (item.state === null) throw forbidden('this item is not assigned to you');
    const opId = idempotencyKeyOf(request, true);
    if (!Buffer.isBuffer(request.body)) throw new HttpError(400, 'invalid_batch', 'send the batch as a JSON body (Content-Type: application/json)');
    const targets = await ctx.itemTargets.get(item.id, item.updatedAt);
    const prepared = await ctx.batches.prepare(request.body, { labelSet: await labelSetOf(ctx, item), item: targets.item });
    if (!prepared.ok) throw new HttpError(400, prepared.refusal.error, prepared.refusal.message);
    const { ops, legacyBaseRevision, bodyHash } = prepared.batch;
    const write = { itemId: item.id, userId: user.id, opId, ops, targets, ...(legacyBaseRevision === undefined ? {} : { legacyBaseRevision }) };
    const key = opId === null ? null : { userId: user.id, key: opId, requestHash: requestHash([request.method, request.url.split('?')[0] ?? '', '', bodyHash]) };
    const result = await idempotentWrite(ctx, key, { itemId: item.id, annotatorId: user.id }, (trx, at) => applyBatch(trx, write, at));
    if (result.status === 200) reply.header('ETag', etagOf((result.body as BatchResult).revision));
    return send(reply, result);
  });

  app.get<{ Params: { id: string }; Querystring: RecordPageQuery }>('/api/items/:id/annotations/me/records', { schema: myRecordsSchema }, async (request, reply) => {
    const user = userOf(request);
    const item = await visibleAnnotatedItem(ctx.db, user, request.params.id);
    const page = await readRecordPage(ctx.db, { itemId: item.id, annotatorId: user.id }, recordQueryOf(request.query));
    return reply.header('ETag', etagOf(page.revision)).type('application/json; charset=utf-8').send(page.json);
  });

  app.get<{ Params: { id: string }; Querystring: { since?: string; limit?: string } }>(
    '/api/items/:id/annotations/me/ops',
    { schema: opsSinceSchema },
    async (request) => {
      const user = userOf(request);
      const item = await visibleAnnotatedItem(ctx.db, user, request.params.id);
      return readOpsSince(ctx.db, { itemId: item.id, annotatorId: user.id }, Number(request.query.since ?? '0'), limitOf(request.query.limit, 1000, 5000));
    },
  );

  app.get<{ Params: { id: string } }>('/api/items/:id/annotations/me/revisions', { schema: itemParamsSchema }, async (request) => {
    const user = userOf(request);
    const item = await visibleAnnotatedItem(ctx.db, user, request.params.id);
    return listRevisions(ctx.db, { itemId: item.id, annotatorId: user.id });
  });

  app.get<{ Params: { id: string } }>(
    '/api/items/:id/annotations',
    { schema: itemParamsSchema, config: { roles: OVERSIGHT_ROLES } },
    async (request) => {
      const item = await visibleAnnotatedItem(ctx.db, userOf(request), request.params.id);
      assertNotReader(item, "you read this item yourself, so its other readers' progress stays hidden from you");
      return listHeads(ctx.db, item.id);
    },
  );

  app.get<{ Params: { id: string; annotatorId: string }; Querystring: RecordPageQuery }>(
    '/api/items/:id/annotations/:annotatorId/records',
    { schema: annotatorRecordsSchema, config: { roles: OVERSIGHT_ROLES } },
    async (request, reply) => {
      const user = userOf(request);
      const item = await visibleAnnotatedItem(ctx.db, user, request.params.id);
      // Your own records come from /me/records; anyone else's are hidden from a reader of the item.
      if (request.params.annotatorId !== user.id) assertNotReader(item, "you read this item yourself, so its other readers' records stay hidden from you");
      const page = await readRecordPage(ctx.db, { itemId: item.id, annotatorId: request.params.annotatorId }, recordQueryOf(request.query));
      return reply.header('ETag', etagOf(page.revision)).type('application/json; charset=utf-8').send(page.json);
    },
  );

  app.post<{ Params: { id: string } }>('/api/items/:id/submit', { schema: itemParamsSchema }, async (request, reply) => {
    const user = userOf(request);
    const item = await visibleAnnotatedItem(ctx.db, user, request.params.id);
    if (item.state === null) throw forbidden('this item is not assigned to you');
    const baseRevision = baseRevisionOf(request);
    const key = keyOf(request, user.id, idempotencyKeyOf(request, false), baseRevision);
    const submit = { itemId: item.id, annotatorId: user.id, baseRevision, labelSetId: item.labelSetId, labelSetVersion: item.labelSetVersion };
    return send(reply, await idempotentWrite(ctx, key, submit, (trx, at) => applySubmit(trx, submit, at)));
  });

  app.post<{ Params: { id: string }; Body: ReviewDecision }>(
    '/api/items/:id/review',
    { schema: reviewSchema, config: { roles: REVIEW_ROLES } },
    async (request, reply) => {
      const reviewer = userOf(request);
      const item = await visibleAnnotatedItem(ctx.db, reviewer, request.params.id);
      const { annotatorId, decision, comment } = request.body;
      if (annotatorId === reviewer.id) throw forbidden('a reviewer cannot review their own annotations');
      assertNotReader(item, 'you read this item yourself, so you cannot review any of its readers');
      const anchor = request.body.anchor === undefined ? null : await returnAnchor(ctx, item, request.body);
      const key = keyOf(request, reviewer.id, idempotencyKeyOf(request, false), null);
      const review = { itemId: item.id, annotatorId, reviewerId: reviewer.id, decision, comment: comment ?? null, anchor };
      return send(reply, await idempotentWrite(ctx, key, review, (trx, at) => applyReview(trx, review, at)));
    },
  );
};
