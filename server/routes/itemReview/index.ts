/**
 * GET /api/items/:id/review: what the reviewer's item screen opens with. Every reader of the item
 * with their state (readers are named: the reviewer reads none of the item, so is not blinded),
 * and the units where the handed-in readers differ. For REVIEW_ROLES who do not read the item.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AssignmentState, ItemReview } from '../../../src/core/api';
import { REVIEW_ROLES } from '../../http/rolePolicy';
import { idParams } from '../../http/schemas';
import { userOf } from '../../plugins/auth';
import { assertNotReader, visibleAnnotatedItem } from '../../services/access';
import { itemDifferences } from '../../services/review/handedInWork';

export const itemReviewRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.get<{ Params: { id: string } }>(
    '/api/items/:id/review',
    { schema: { params: idParams }, config: { roles: REVIEW_ROLES } },
    async (request): Promise<ItemReview> => {
      const item = await visibleAnnotatedItem(ctx.db, userOf(request), request.params.id);
      assertNotReader(item, "you read this item yourself, so its other readers' work stays hidden from you");
      const labelSet = await ctx.labelSets.get(item.labelSetId, item.labelSetVersion);
      if (!labelSet) throw new Error(`item ${item.id} has no label set`);
      const targets = await ctx.itemTargets.get(item.id, item.updatedAt);
      const readers = await ctx.db
        .selectFrom('assignments')
        .innerJoin('users', 'users.id', 'assignments.user_id')
        .select(['assignments.user_id', 'users.display_name', 'assignments.state', 'assignments.updated_at'])
        .where('assignments.item_id', '=', item.id)
        .orderBy('assignments.user_id')
        .execute();
      return {
        itemId: item.id,
        readers: readers.map((row) => ({ annotatorId: row.user_id, displayName: row.display_name, state: row.state as AssignmentState, updatedAt: row.updated_at })),
        differences: await itemDifferences(ctx.db, { id: item.id, targetIds: targets.order }, labelSet),
      };
    },
  );
};
