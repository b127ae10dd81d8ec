/**
 * Serves the built SPA: files from `staticDir`, hashed `/assets/*` cached for good, and
 * index.html for any other page path so client-side routes survive a reload. Unknown API paths
 * and missing files get a JSON 404. `/app-files.json` lists every file for the service worker's
 * precache.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '../../src/core/api';
import { globalPlugin } from '../http/globalPlugin';

/** Not precached: the service worker itself, this listing, and source maps. */
const NOT_PRECACHED = new Set(['/sw.js', '/app-files.json']);

export async function listAppFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => '/' + relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((url) => !NOT_PRECACHED.has(url) && !url.endsWith('.map'))
    .sort();
}

/** A page path of the SPA (no file extension in its last segment), not an API call or a file. */
function isPagePath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  if (path.startsWith('/api/') || path === '/api' || path.startsWith('/assets/')) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

/** True when `staticDir` holds a built app (its index.html). */
export function hasBuiltApp(staticDir: string): boolean {
  return existsSync(join(staticDir, 'index.html'));
}

export const spaPlugin = globalPlugin<{ staticDir: string | null }>(async (app, { staticDir }) => {
  const root = staticDir !== null && hasBuiltApp(staticDir) ? staticDir : null;

  if (root) {
    await app.register(fastifyStatic, {
      root,
      wildcard: true,
      cacheControl: false,
      setHeaders(reply, path) {
        const hashed = relative(root, path).split(sep)[0] === 'assets';
        reply.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.get('/app-files.json', { config: { public: true } }, async (_request, reply) => {
    reply.header('Cache-Control', 'no-cache');
    return root ? listAppFiles(root) : [];
  });

  app.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    if (root && (request.method === 'GET' || request.method === 'HEAD') && isPagePath(request.url)) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html', root);
    }
    const body: ApiError = { error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` };
    return reply.code(404).send(body);
  });
});
