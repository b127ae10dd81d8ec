/** User administration (admin only). Accounts made here start with a one-time password. */
import type { FastifyPluginAsync } from 'fastify';
import type { CreateUserRequest } from '../../../src/core/api';
import { passwordWeakness } from '../../auth/password';
import { isUniqueViolation } from '../../db/dialect';
import { badRequest, conflict } from '../../http/errors';
import { userOf } from '../../plugins/auth';
import { createUser, listUsers } from '../../services/users';
import { createUserSchema } from './schema';

export const userRoutes: FastifyPluginAsync = async (app) => {
  const { ctx } = app;

  app.get('/api/users', { config: { roles: ['admin'] } }, async () => listUsers(ctx.db));

  app.post<{ Body: CreateUserRequest }>('/api/users', { schema: createUserSchema, config: { roles: ['admin'] } }, async (request, reply) => {
    const admin = userOf(request);
    const body = request.body;
    const weakness = passwordWeakness(body.password, body.username);
    if (weakness) throw badRequest(weakness);
    try {
      const user = await createUser(ctx.db, { ...body, mustChangePassword: true }, admin.id, ctx.now().toISOString());
      return reply.code(201).send(user);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('username_taken', `username "${body.username}" is taken`);
      throw error;
    }
  });
};
