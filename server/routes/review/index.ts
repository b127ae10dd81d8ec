/** GET /api/review/queue: the reviewer's queue of handed-in work (services/review/queue.ts). */
import type { FastifyPluginAsync } from 'fastify';
import type { ReviewQueuePage } from '../../../src/core/api';
import { limitOf } from '../../http/schemas';
import { REVIEW_ROLES } from '../../http/rolePolicy';
import { userOf } from '../../plugins/auth';
import { decodeQueueCursor, listReviewQueue } from '../../services/review/queue';
import { reviewQueueFilterOf, reviewQueueSchema, type ReviewQueueQueryString } from './schema';

export const reviewRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  app.get<{ Querystring: ReviewQueueQueryString }>(
    '/api/review/queue',
    { schema: reviewQueueSchema, config: { roles: REVIEW_ROLES } },
    async (request): Promise<ReviewQueuePage> => {
      const { cursor, limit } = request.query;
      const filter = reviewQueueFilterOf(request.query);
      return listReviewQueue(ctx.db, userOf(request), filter, cursor === undefined ? null : decodeQueueCursor(cursor), limitOf(limit, 50, 200));
    },
  );
};
