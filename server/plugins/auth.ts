/**
 * Bearer-token authentication and role checks for every `/api/` route. Routes opt out with
 * `config: { public: true }`, restrict roles with `config: { roles: [...] }`, and stay usable
 * before a one-time password is replaced only with `config: { passwordChangeAllowed: true }`.
 * Runs before the body is parsed, so an unauthenticated upload is refused without reading it.
 */
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../src/core/api';
import { tokenHash } from '../auth/tokens';
import { forbidden, HttpError, unauthorized } from '../http/errors';
import { globalPlugin } from '../http/globalPlugin';
import { findSession, type AuthUser } from '../services/sessions';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on authenticated routes; null on public ones. */
    authUser: AuthUser | null;
  }
  interface FastifyContextConfig {
    public?: boolean;
    roles?: readonly Role[];
    passwordChangeAllowed?: boolean;
    /** Sessions are looked up in the short in-process AccessCache (services/accessCache.ts) first: the tile route. */
    cachedSession?: boolean;
    /** The route signs sessions out or disables accounts: the AccessCache is emptied before it answers. */
    endsSessions?: boolean;
  }
}

/** The signed-in user of an authenticated route. */
export function userOf(request: FastifyRequest): AuthUser {
  if (!request.authUser) throw unauthorized('sign in first');
  return request.authUser;
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(header.trim());
  return match ? (match[1] as string) : null;
}

export const authPlugin = globalPlugin(async (app) => {
  app.decorateRequest('authUser', null);
  app.addHook('onRequest', async (request, reply) => {
    // Decided by the matched route, not the raw URL: `/%61pi/users` routes to /api/users too.
    const route = request.routeOptions.url;
    if (request.is404 || route === undefined || !route.startsWith('/api/')) return;
    const config = request.routeOptions.config;
    if (config.public) return;
    const token = bearerToken(request);
    if (!token) throw unauthorized('missing or malformed Authorization: Bearer token');
    const cached = config.cachedSession ? app.ctx.accessCache.session(tokenHash(token)) : null;
    const session = cached ? ({ kind: 'valid', user: cached } as const) : await findSession(app.ctx, token);
    if (config.cachedSession && !cached && session.kind === 'valid') app.ctx.accessCache.rememberSession(session.user);
    if (session.kind !== 'valid') reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
    if (session.kind === 'disabled') throw new HttpError(401, 'account_disabled', 'this account has been disabled by an administrator');
    if (session.kind === 'unknown') throw unauthorized('session expired or unknown; sign in again');
    const { user } = session;
    request.authUser = user;
    if (user.mustChangePassword && !config.passwordChangeAllowed) {
      throw new HttpError(403, 'password_change_required', 'choose a new password first (POST /api/auth/password)');
    }
    const roles = config.roles;
    if (roles && !roles.some((role) => user.roles.includes(role))) {
      throw forbidden(`requires role ${roles.join(' or ')}`);
    }
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.routeOptions.config.endsSessions && reply.statusCode < 400) app.ctx.accessCache.clear();
  });
});
