/**
 * User administration (admin only; the list of readers also for WG leads): accounts (made with a one-time password), disabling and
 * re-enabling them, password resets, and each account's sessions, listed and revoked.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { CreatedUser, CreateUserRequest, UpdateUserRequest } from '../../../src/core/api';
import { oneTimePasswordFor, passwordRefusal } from '../../auth/passwordPolicy';
import { isUniqueViolation } from '../../db/dialect';
import { conflict, HttpError, notFound } from '../../http/errors';
import { ASSIGN_ROLES } from '../../http/rolePolicy';
import { userOf } from '../../plugins/auth';
import { writeAudit } from '../../services/audit';
import { listSessions, revokeSessions } from '../../services/sessions';
import { createUser, findUserRow, listReaders, listUsers, resetPassword, setUserDisabled } from '../../services/users';
import { createUserSchema, sessionParamsSchema, updateUserSchema, userParamsSchema } from './schema';

const ADMIN = { roles: ['admin'] } as const;
/** Disabling an account, resetting its password or ending its sessions: the tile route's AccessCache forgets them at once. */
const ADMIN_ENDING_SESSIONS = { ...ADMIN, endsSessions: true } as const;

export const userRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;
  const noSuchUser = () => notFound('no such user');

  app.get('/api/users', { config: ADMIN }, async () => listUsers(ctx.db));

  // Whoever assigns needs the readers to choose from, not the accounts' administration.
  app.get('/api/readers', { config: { roles: ASSIGN_ROLES } }, async () => listReaders(ctx.db));

  app.post<{ Body: CreateUserRequest }>('/api/users', { schema: createUserSchema, config: ADMIN }, async (request, reply) => {
    const admin = userOf(request);
    const { password: chosen, ...body } = request.body;
    if (chosen !== undefined) {
      const refusal = passwordRefusal(chosen, body.username);
      if (refusal) throw new HttpError(400, refusal.code, refusal.message);
    }
    const password = chosen ?? oneTimePasswordFor(body.username);
    try {
      const user = await createUser(ctx.db, { ...body, password, mustChangePassword: true }, admin.id, ctx.now().toISOString());
      const created: CreatedUser = chosen === undefined ? { ...user, oneTimePassword: password } : user;
      return reply.code(201).send(created);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('username_taken', `username "${body.username}" is taken (usernames ignore upper and lower case)`);
      throw error;
    }
  });

  app.patch<{ Params: { id: string }; Body: UpdateUserRequest }>(
    '/api/users/:id',
    { schema: { ...updateUserSchema, params: userParamsSchema }, config: ADMIN_ENDING_SESSIONS },
    async (request) => {
      const user = await setUserDisabled(ctx.db, request.params.id, request.body.disabled, userOf(request).id, ctx.now().toISOString());
      if (!user) throw noSuchUser();
      return user;
    },
  );

  app.post<{ Params: { id: string } }>('/api/users/:id/password-reset', { schema: { params: userParamsSchema }, config: ADMIN_ENDING_SESSIONS }, async (request) => {
    const reset = await resetPassword(ctx.db, request.params.id, userOf(request).id, ctx.now().toISOString());
    if (!reset) throw noSuchUser();
    return reset;
  });

  app.get<{ Params: { id: string } }>('/api/users/:id/sessions', { schema: { params: userParamsSchema }, config: ADMIN }, async (request) => {
    if (!(await findUserRow(ctx.db, request.params.id))) throw noSuchUser();
    return listSessions(ctx.db, request.params.id, ctx.now());
  });

  app.delete<{ Params: { id: string } }>('/api/users/:id/sessions', { schema: { params: userParamsSchema }, config: ADMIN_ENDING_SESSIONS }, async (request, reply) => {
    const { id } = request.params;
    if (!(await findUserRow(ctx.db, id))) throw noSuchUser();
    await revokeAudited(id, null, userOf(request).id);
    return reply.code(204).send();
  });

  app.delete<{ Params: { id: string; sessionId: string } }>(
    '/api/users/:id/sessions/:sessionId',
    { schema: { params: sessionParamsSchema }, config: ADMIN_ENDING_SESSIONS },
    async (request, reply) => {
      const { id, sessionId } = request.params;
      if ((await revokeAudited(id, sessionId, userOf(request).id)) === 0) throw notFound('no such session');
      return reply.code(204).send();
    },
  );

  /** Ends one or all sessions of `userId` with the audit row of who did it; returns how many ended. */
  async function revokeAudited(userId: string, sessionId: string | null, actorId: string): Promise<number> {
    return ctx.db.transaction().execute(async (trx) => {
      const ended = await revokeSessions(trx, userId, sessionId);
      if (ended > 0) {
        const detail = { sessionId: sessionId ?? 'all', ended };
        await writeAudit(trx, { at: ctx.now().toISOString(), userId: actorId, action: 'session.revoke', entity: 'user', entityId: userId, detail });
      }
      return ended;
    });
  }
};
