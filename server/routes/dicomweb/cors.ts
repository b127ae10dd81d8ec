/**
 * Cross-origin reads of the DICOMweb service (Fetch standard, CORS): a viewer deployed on its own
 * origin (OHIF, Slim) queries and retrieves with the reader's bearer token. Any origin may read,
 * because the service takes the bearer token only: no cookie or other ambient credential rides
 * along, so a page of another origin reaches nothing without a token it already holds. The rest
 * of the API stays same-origin. Reads only: storing (STOW-RS) is not offered across origins.
 */
import type { FastifyInstance } from 'fastify';

/** On every answer of the service, errors included, so a viewer can tell a 401 from a network failure. */
export const CORS_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  // Warning names ignored QIDO keys; WWW-Authenticate says a token was refused.
  'Access-Control-Expose-Headers': 'Warning, WWW-Authenticate',
};

/** The answer to a preflight: the token and a DICOMweb Accept header (not CORS-safelisted with its parameters) may be sent. */
export const CORS_PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  ...CORS_RESPONSE_HEADERS,
  'Access-Control-Allow-Methods': 'GET, HEAD',
  'Access-Control-Allow-Headers': 'Authorization, Accept',
  'Access-Control-Max-Age': '600',
};

/**
 * A preflight route beside every read under `root` (public: a browser sends it without the
 * token), and CORS headers on the reads. Call before the routes are added.
 */
export function allowCrossOriginReads(app: FastifyInstance, root: string): void {
  app.addHook('onRoute', (route) => {
    if (route.method !== 'GET' || !route.url.startsWith(`${root}/`)) return;
    app.options(route.url, { config: { public: true } }, async (_request, reply) => reply.code(204).headers(CORS_PREFLIGHT_HEADERS).send());
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url;
    if ((request.method === 'GET' || request.method === 'HEAD') && route?.startsWith(`${root}/`)) reply.headers(CORS_RESPONSE_HEADERS);
    return payload;
  });
}
