/**
 * Cross-origin isolation (COOP + COEP, needed for SharedArrayBuffer in the viewer's workers) and
 * basic hardening on every response, including errors and static files. API answers are never
 * cached unless a route says otherwise (item files are immutable and say so).
 */
import { globalPlugin } from '../http/globalPlugin';

export const securityHeadersPlugin = globalPlugin(async (app) => {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Embedder-Policy', 'require-corp');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    const path = request.routeOptions.url ?? request.url;
    if (path.startsWith('/api/') && !reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });
});
