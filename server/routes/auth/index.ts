/** Sign in, sign out, who am I, and replacing a (one-time) password. */
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { ChangePasswordRequest, LoginRequest, LoginResponse } from '../../../src/core/api';
import { hashPassword, verifyPassword } from '../../auth/password';
import { passwordRefusal } from '../../auth/passwordPolicy';
import type { Database } from '../../db/schema';
import { clientOf } from '../../http/client';
import { badRequest, HttpError, unauthorized } from '../../http/errors';
import { userOf } from '../../plugins/auth';
import { writeAudit } from '../../services/audit';
import { pruneThrottle } from '../../services/loginThrottle';
import { pruneExpired } from '../../services/retention';
import { deleteSession } from '../../services/sessions';
import { SignInLocked, signIn } from '../../services/signIn';
import { changePasswordSchema, loginSchema } from './schema';

export const authRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.post<{ Body: LoginRequest }>('/api/auth/login', { schema: loginSchema, config: { public: true } }, async (request, reply) => {
    const now = ctx.now();
    try {
      const response: LoginResponse = await signIn(ctx.db, { ...request.body, client: clientOf(request) }, now, ctx.tokenTtlMs);
      await pruneQuietly(ctx.db, now, request.log);
      return response;
    } catch (error) {
      if (error instanceof SignInLocked) reply.header('Retry-After', String(error.retryAfter));
      throw error;
    }
  });

  app.post('/api/auth/logout', { config: { passwordChangeAllowed: true, endsSessions: true } }, async (request, reply) => {
    const user = userOf(request);
    await ctx.db.transaction().execute(async (trx) => {
      await deleteSession(trx, user.tokenHash);
      await writeAudit(trx, { at: ctx.now().toISOString(), userId: user.id, action: 'auth.logout', entity: 'user', entityId: user.id });
    });
    // Slide tiles are cached by the browser (immutable): signing out takes them out of its cache.
    return reply.code(204).header('Clear-Site-Data', '"cache"').send();
  });

  app.get('/api/auth/me', { config: { passwordChangeAllowed: true } }, async (request) => {
    const { tokenHash: _secret, sessionId: _session, ...user } = userOf(request);
    return user;
  });

  app.post<{ Body: ChangePasswordRequest }>(
    '/api/auth/password',
    { schema: changePasswordSchema, config: { passwordChangeAllowed: true, endsSessions: true } },
    async (request, reply) => {
      const user = userOf(request);
      const { currentPassword, newPassword } = request.body;
      const row = await ctx.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
      if (!(await verifyPassword(currentPassword, row.password_hash))) throw unauthorized('current password is wrong');
      const refusal = passwordRefusal(newPassword, user.username);
      if (refusal) throw new HttpError(400, refusal.code, refusal.message);
      if (newPassword === currentPassword) throw badRequest('the new password must differ from the current one');
      const hash = await hashPassword(newPassword);
      const at = ctx.now().toISOString();
      await ctx.db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ password_hash: hash, must_change_password: 0 }).where('id', '=', user.id).execute();
        // Other sessions were opened with the old password; only this one stays signed in.
        await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('token_hash', '!=', user.tokenHash).execute();
        await writeAudit(trx, { at, userId: user.id, action: 'user.password', entity: 'user', entityId: user.id });
      });
      return reply.code(204).send();
    },
  );
};

/** Housekeeping after a sign-in: its failure (say, two sign-ins pruning the same rows) must not fail the sign-in. */
async function pruneQuietly(db: Kysely<Database>, now: Date, log: FastifyBaseLogger): Promise<void> {
  try {
    await pruneExpired(db, now);
    await pruneThrottle(db, now);
  } catch (error) {
    log.warn({ err: error }, 'pruning expired sessions, idempotency keys and sign-in counts failed');
  }
}
