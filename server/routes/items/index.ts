/** Items of a dataset (keyset-paged), one item's detail, and its DICOM files. */
import type { FastifyPluginAsync } from 'fastify';
import type { ItemDetail } from '../../../src/core/api';
import { notFound } from '../../http/errors';
import { limitOf } from '../../http/schemas';
import { userOf } from '../../plugins/auth';
import { assertDatasetVisible, visibleItem } from '../../services/access';
import { findDataset } from '../../services/datasets';
import { decodeCursor, itemFromRow, listItems } from '../../services/items';
import { fileSchema, itemSchema, listItemsSchema } from './schema';

/** Files never change once stored (a new upload is a new file id), so a client may keep them. */
const IMMUTABLE = 'private, max-age=31536000, immutable';

export const itemRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.get<{ Params: { id: string }; Querystring: { cursor?: string; limit?: string } }>(
    '/api/datasets/:id/items',
    { schema: listItemsSchema },
    async (request) => {
      const user = userOf(request);
      const { id } = request.params;
      await assertDatasetVisible(ctx.db, user, id);
      const cursor = request.query.cursor === undefined ? null : decodeCursor(request.query.cursor);
      return listItems(ctx.db, user, id, cursor, limitOf(request.query.limit, 100, 500));
    },
  );

  app.get<{ Params: { id: string } }>('/api/items/:id', { schema: itemSchema }, async (request): Promise<ItemDetail> => {
    const { item, state } = await visibleItem(ctx.db, userOf(request), request.params.id);
    const dataset = await findDataset(ctx.db, item.dataset_id);
    const labelSet = dataset ? await ctx.labelSets.get(dataset.label_set_id, dataset.label_set_version) : null;
    if (!labelSet) throw new Error(`item ${item.id} has no label set`);
    return { item: itemFromRow(item), labelSet, state };
  });

  app.get<{ Params: { id: string; fileId: string } }>('/api/items/:id/files/:fileId', { schema: fileSchema }, async (request, reply) => {
    const { item } = await visibleItem(ctx.db, userOf(request), request.params.id);
    const file = await ctx.db
      .selectFrom('item_files')
      .select(['sha256'])
      .where('id', '=', request.params.fileId)
      .where('item_id', '=', item.id)
      .executeTakeFirst();
    if (!file) throw notFound(`no file ${request.params.fileId} in item ${item.id}`);
    const etag = `"${file.sha256}"`;
    reply.header('ETag', etag).header('Cache-Control', IMMUTABLE);
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    const { bytes } = await ctx.db.selectFrom('item_files').select('bytes').where('id', '=', request.params.fileId).executeTakeFirstOrThrow();
    return reply.type('application/dicom').send(bytes);
  });
};

/** If-None-Match may list several tags, weak or strong, or `*`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
