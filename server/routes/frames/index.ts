/**
 * A frame set's images (FrameSetItem in src/core/item.ts), with the access rules of the item's
 * other files (an annotator reads only items assigned to them; an item they may not see is 404):
 * - `GET /api/items/:id/frames/:targetId`: one frame's image, JPEG or PNG (a still as imported
 *   less its metadata blocks, or a video frame decoded at import);
 * - `GET /api/items/:id/sprites/:version/:sheet`: one JPEG sprite sheet of thumbnails.
 * Both are read often (a grid, stepping through a video), so as for slide tiles the session and
 * access come from the AccessCache and where the bytes lie from FrameLookup: once warm, a request
 * costs one blob read and no database query.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { FrameLookup } from '../../frames/frameLookup';
import { HttpError } from '../../http/errors';
import { userOf } from '../../plugins/auth';
import { visibleAnnotatedItem } from '../../services/access';
import { frameSchema, spriteSchema } from './schema';

/**
 * Neither changes under its URL (a frame's file id names immutable bytes, a sprite version its
 * sheets by content), so the browser keeps them, private to this user's browser, and never
 * revalidates; signing out clears the HTTP cache with `Clear-Site-Data`, as for slide tiles.
 */
const IMMUTABLE_PRIVATE = 'private, max-age=31536000, immutable';

export const frameRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  const lookup = new FrameLookup(ctx.db, ctx.blobs);

  async function assertMayRead(request: FastifyRequest, itemId: string): Promise<void> {
    const user = userOf(request);
    if (ctx.accessCache.mayRead(user.id, itemId)) return;
    await visibleAnnotatedItem(ctx.db, user, itemId);
    ctx.accessCache.rememberRead(user.id, itemId);
  }

  async function sendBlob(request: FastifyRequest, reply: FastifyReply, sha256: string, mediaType: string): Promise<FastifyReply> {
    const etag = `"${sha256}"`;
    reply.header('ETag', etag).header('Cache-Control', IMMUTABLE_PRIVATE);
    if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) return reply.code(304).send();
    return reply.type(mediaType).send(await ctx.blobs.read(sha256));
  }

  app.get<{ Params: { id: string; targetId: string } }>(
    '/api/items/:id/frames/:targetId',
    { schema: frameSchema, config: { cachedSession: true } },
    async (request, reply) => {
      const { id, targetId } = request.params;
      await assertMayRead(request, id);
      const image = await lookup.frame(id, targetId);
      if (!image) throw new HttpError(404, 'no_such_frame', `item ${id} has no frame ${targetId}`);
      reply.header('Content-Length', image.size);
      return sendBlob(request, reply, image.sha256, image.mediaType);
    },
  );

  app.get<{ Params: { id: string; version: string; sheet: string } }>(
    '/api/items/:id/sprites/:version/:sheet',
    { schema: spriteSchema, config: { cachedSession: true } },
    async (request, reply) => {
      const { id, version } = request.params;
      await assertMayRead(request, id);
      const sheet = await lookup.spriteSheet(id, version, Number(request.params.sheet));
      if (!sheet) throw new HttpError(404, 'no_such_sprite_sheet', `item ${id} has no sprite sheet ${request.params.sheet} of version ${version}`);
      return sendBlob(request, reply, sheet, 'image/jpeg');
    },
  );
};
