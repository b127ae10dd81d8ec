/**
 * `GET /api/items/:id/tiles/:version/:level/:x/:y`: one tile of a slide's served pyramid (see
 * SlideItem in src/core/item.ts), with the access rules of the item's other files (an annotator
 * reads only items assigned to them). The version (SlideItem.tileVersion) is a path segment, not
 * a query parameter: the router then reaches no tile without one, and caches that key on the
 * path alone still tell two pyramids of one item apart. This is the hot path of a slide viewer, so once a slide is open a tile
 * costs no database query: the session and the caller's access come from the short AccessCache
 * (services/accessCache.ts), the tile's place in the pack from the TileSources cache, and the bytes
 * from one ranged blob read.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TileFormat } from '../../../src/core/item';
import { HttpError } from '../../http/errors';
import { userOf } from '../../plugins/auth';
import { visibleItem } from '../../services/access';
import { tileSchema } from './schema';

/**
 * A tile's bytes never change under its URL (it names the pyramid's version, the pack is
 * content-addressed and immutable), so the browser keeps it, private to this user's browser, and never revalidates. Unlike DICOM files
 * (`no-store`), tiles are many and small and panning re-reads them; signing out clears the HTTP
 * cache with `Clear-Site-Data` (routes/auth) as it clears the offline tile cache.
 */
const TILE_CACHE_CONTROL = 'private, max-age=31536000, immutable';

const MEDIA_TYPES: Readonly<Record<TileFormat, string>> = { jpeg: 'image/jpeg', png: 'image/png' };

export const tileRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.get<{ Params: { id: string; version: string; level: string; x: string; y: string } }>(
    '/api/items/:id/tiles/:version/:level/:x/:y',
    { schema: tileSchema, config: { cachedSession: true } },
    async (request, reply) => {
      const user = userOf(request);
      const { id, version } = request.params;
      const [level, x, y] = [Number(request.params.level), Number(request.params.x), Number(request.params.y)];
      if (!ctx.accessCache.mayRead(user.id, id)) {
        const { item } = await visibleItem(ctx.db, user, id);
        if (item.kind !== 'slide') throw new HttpError(404, 'not_a_slide', `item ${id} is not a slide: it has no tiles`);
        ctx.accessCache.rememberRead(user.id, id);
      }
      const source = await ctx.tileSources.ofVersion(id, version);
      if (!source) throw new HttpError(404, 'not_a_slide', `item ${id} has no tiles`);
      // Not this version's tile: the slide was rebuilt since the viewer read its detail. Refused
      // (errors are never cached) rather than answered with the new pyramid's tile, whose place may differ.
      if (source.version !== version) throw new HttpError(410, 'tile_version_gone', `the slide's images were rebuilt: version ${version} is gone, ${source.version} is served`);
      const tile = await source.tile(level, x, y);
      if (!tile) throw new HttpError(404, 'tile_outside_slide', `the slide has no tile (${x}, ${y}) at level ${level}`);
      reply.header('ETag', tile.etag).header('Cache-Control', TILE_CACHE_CONTROL);
      if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === tile.etag)) {
        if (!(tile.body instanceof Uint8Array)) tile.body.destroy();
        return reply.code(304).send();
      }
      return reply.type(MEDIA_TYPES[source.tileFormat]).header('Content-Length', tile.length).send(tile.body);
    },
  );
};
