/**
 * Hardening on every response, including errors and static files: cross-origin isolation (COOP +
 * COEP, needed for SharedArrayBuffer in the viewer's workers), a Content-Security-Policy, HSTS
 * over HTTPS, and API answers kept out of caches unless a route says otherwise.
 */
import { globalPlugin } from '../http/globalPlugin';

/**
 * What the built app needs and nothing more: its own scripts (no inline script; the built
 * index.html has none), WebAssembly compilation for the image decoders and the model runtime
 * ('wasm-unsafe-eval', not 'unsafe-eval'), workers from its own files and from blob: URLs (the
 * decoders' loaders create some), images and fetched data from itself, blob: and data: URLs
 * (decoded frames, thumbnails). Styles allow inline `style` (React and the viewer set element
 * styles); no plugins, no framing, no other origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "connect-src 'self' blob: data:",
  "font-src 'self' data:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A year; browsers then refuse plain HTTP to this host. Sent only on HTTPS answers (RFC 6797). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

export const securityHeadersPlugin = globalPlugin(async (app) => {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Embedder-Policy', 'require-corp');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    // 'https' only when the connection is TLS, or the trusted proxy says it was (trustProxy).
    if (request.protocol === 'https') reply.header('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    const path = request.routeOptions.url ?? request.url;
    if (path.startsWith('/api/') && !reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });
});
