/** Sign in, sign out, who am I, and replacing a (one-time) password. */
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { ChangePasswordRequest, LoginRequest, LoginResponse } from '../../../src/core/api';
import { hashPassword, passwordWeakness, spendVerifyTime, verifyPassword } from '../../auth/password';
import type { Database } from '../../db/schema';
import { badRequest, unauthorized } from '../../http/errors';
import { userOf } from '../../plugins/auth';
import { writeAudit } from '../../services/audit';
import { pruneExpired } from '../../services/retention';
import { createSession, deleteSession } from '../../services/sessions';
import { userFromRow } from '../../services/users';
import { changePasswordSchema, loginSchema } from './schema';

export const authRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.post<{ Body: LoginRequest }>('/api/auth/login', { schema: loginSchema, config: { public: true } }, async (request) => {
    const { username, password } = request.body;
    const row = await ctx.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    if (!row) {
      await spendVerifyTime(password);
      throw unauthorized('wrong username or password');
    }
    if (!(await verifyPassword(password, row.password_hash))) throw unauthorized('wrong username or password');
    const now = ctx.now();
    const session = await ctx.db.transaction().execute(async (trx) => {
      const opened = await createSession(trx, row.id, now, ctx.tokenTtlMs);
      await writeAudit(trx, { at: now.toISOString(), userId: row.id, action: 'auth.login', entity: 'user', entityId: row.id });
      return opened;
    });
    await pruneQuietly(ctx.db, now, request.log);
    const response: LoginResponse = { token: session.token, expiresAt: session.expiresAt, user: userFromRow(row) };
    return response;
  });

  app.post('/api/auth/logout', { config: { passwordChangeAllowed: true } }, async (request, reply) => {
    const user = userOf(request);
    await ctx.db.transaction().execute(async (trx) => {
      await deleteSession(trx, user.tokenHash);
      await writeAudit(trx, { at: ctx.now().toISOString(), userId: user.id, action: 'auth.logout', entity: 'user', entityId: user.id });
    });
    return reply.code(204).send();
  });

  app.get('/api/auth/me', { config: { passwordChangeAllowed: true } }, async (request) => {
    const { tokenHash: _secret, ...user } = userOf(request);
    return user;
  });

  app.post<{ Body: ChangePasswordRequest }>(
    '/api/auth/password',
    { schema: changePasswordSchema, config: { passwordChangeAllowed: true } },
    async (request, reply) => {
      const user = userOf(request);
      const { currentPassword, newPassword } = request.body;
      const row = await ctx.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
      if (!(await verifyPassword(currentPassword, row.password_hash))) throw unauthorized('current password is wrong');
      const weakness = passwordWeakness(newPassword, user.username);
      if (weakness) throw badRequest(weakness);
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
  } catch (error) {
    log.warn({ err: error }, 'pruning expired sessions and idempotency keys failed');
  }
}
