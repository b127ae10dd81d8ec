/** Items of a dataset (keyset-paged), one item's detail, the series of its study with their thumbnails, and its DICOM files (streamed from the blob store, with ranges); a frame set's images are routes/frames'. */
import type { FastifyPluginAsync } from 'fastify';
import type { ItemDetail, StudySeriesPage } from '../../../src/core/api';
import { NoDecoder } from '../../dicom/decode/pixels';
import { toNumber } from '../../db/dialect';
import { notFound } from '../../http/errors';
import { parseRange } from '../../http/range';
import { limitOf } from '../../http/schemas';
import { userOf } from '../../plugins/auth';
import { assertDatasetVisible, visibleItem } from '../../services/access';
import { findDataset } from '../../services/datasets';
import { decodeCursor, itemFromRow, listItems } from '../../services/items';
import { renderThumbnail, thumbnailSource } from '../../services/seriesThumbnail';
import { decodeStudyCursor, listStudySeries } from '../../services/studySeries';
import { fileSchema, itemSchema, listItemsSchema, studySchema } from './schema';

/**
 * Patient images stay out of the browser's HTTP cache, which outlives a sign-out: the offline
 * copy lives in the service worker's Cache API store, which sign-out clears. The ETag (the
 * content hash) still lets a client revalidate instead of downloading again.
 */
export const PATIENT_DATA = 'private, no-store';

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

  app.get<{ Params: { id: string }; Querystring: { cursor?: string; limit?: string } }>(
    '/api/items/:id/study',
    { schema: studySchema },
    async (request): Promise<StudySeriesPage> => {
      const user = userOf(request);
      const { item } = await visibleItem(ctx.db, user, request.params.id);
      const cursor = request.query.cursor === undefined ? null : decodeStudyCursor(request.query.cursor);
      return listStudySeries(ctx.db, user, item, cursor, limitOf(request.query.limit, 100, 500));
    },
  );

  app.get<{ Params: { id: string } }>('/api/items/:id/thumbnail', { schema: itemSchema }, async (request, reply) => {
    const { item } = await visibleItem(ctx.db, userOf(request), request.params.id);
    const source = await thumbnailSource(ctx.db, item);
    if (!source) throw notFound(`item ${item.id} has no slice to show`);
    // The slice file's hash names the picture: the same file always renders the same.
    const etag = `"${source.sha256}-thumbnail"`;
    reply.header('ETag', etag).header('Cache-Control', PATIENT_DATA);
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    try {
      return reply.type('image/jpeg').send(await renderThumbnail(ctx.blobs, source));
    } catch (error) {
      if (error instanceof NoDecoder) throw notFound(`item ${item.id}: ${error.message}`);
      throw error;
    }
  });

  app.get<{ Params: { id: string; fileId: string } }>('/api/items/:id/files/:fileId', { schema: fileSchema }, async (request, reply) => {
    const { item } = await visibleItem(ctx.db, userOf(request), request.params.id);
    // A frame set's images are served as frames, less their metadata; its other files (a video as
    // imported, which may name the patient in its container) are not for readers.
    if (item.kind === 'frameSet') throw notFound(`item ${item.id} is a frame set: fetch its images from /api/items/${item.id}/frames/:targetId`);
    const file = await ctx.db
      .selectFrom('item_files')
      .select(['sha256', 'size'])
      .where('id', '=', request.params.fileId)
      .where('item_id', '=', item.id)
      .executeTakeFirst();
    if (!file) throw notFound(`no file ${request.params.fileId} in item ${item.id}`);
    const size = toNumber(file.size);
    // The content's hash is a strong validator: the bytes behind it can never change.
    const etag = `"${file.sha256}"`;
    reply.header('ETag', etag).header('Cache-Control', PATIENT_DATA).header('Accept-Ranges', 'bytes');
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    const ifRange = request.headers['if-range'];
    const range = ifRange === undefined || ifRange === etag ? parseRange(request.headers.range, size) : ({ kind: 'whole' } as const);
    if (range.kind === 'unsatisfiable') {
      return reply
        .code(416)
        .header('Content-Range', `bytes */${size}`)
        .send({ error: 'range_not_satisfiable', message: `the file has ${size} bytes` });
    }
    reply.type('application/dicom');
    if (range.kind === 'whole') return reply.header('Content-Length', size).send(await ctx.blobs.read(file.sha256));
    return reply
      .code(206)
      .header('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
      .header('Content-Length', range.end - range.start + 1)
      .send(await ctx.blobs.read(file.sha256, range));
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
