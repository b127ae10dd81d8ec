/**
 * An item's read-only outline layers: the list, and one layer's outlines in binary form, both
 * under the item's own access rules (an item the caller may not see is a 404).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { OutlineLayerList } from '../../../src/core/api';
import { notFound } from '../../http/errors';
import { LAYER_ID_PATTERN, UUID_PATTERN, idParams } from '../../http/schemas';
import { userOf } from '../../plugins/auth';
import { visibleAnnotatedItem } from '../../services/access';
import { findOutlineLayer, listOutlineLayers } from '../../services/outlineLayers';

/** A layer is never replaced (its id keeps its bytes), so a client may keep it; private: it belongs to a patient's slide. */
const IMMUTABLE = 'private, max-age=31536000, immutable';

const layerSchema = {
  params: {
    type: 'object',
    required: ['id', 'layerId'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: UUID_PATTERN },
      layerId: { type: 'string', pattern: LAYER_ID_PATTERN },
    },
  },
} as const;

export const layerRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.get<{ Params: { id: string } }>('/api/items/:id/layers', { schema: { params: idParams } }, async (request): Promise<OutlineLayerList> => {
    const item = await visibleAnnotatedItem(ctx.db, userOf(request), request.params.id);
    const layers = await listOutlineLayers(ctx.db, item.id);
    return { layers: layers.map(({ id, name, polygonCount, size }) => ({ id, name, polygonCount, size })) };
  });

  app.get<{ Params: { id: string; layerId: string } }>('/api/items/:id/layers/:layerId', { schema: layerSchema }, async (request, reply) => {
    const item = await visibleAnnotatedItem(ctx.db, userOf(request), request.params.id);
    const layer = await findOutlineLayer(ctx.db, item.id, request.params.layerId);
    if (!layer) throw notFound(`no outline layer ${request.params.layerId} in item ${item.id}`);
    const etag = `"${layer.sha256}"`;
    reply.header('ETag', etag).header('Cache-Control', IMMUTABLE);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('application/octet-stream').header('Content-Length', layer.size).send(await ctx.blobs.read(layer.sha256));
  });
};
