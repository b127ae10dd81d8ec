/** Login sessions: a bearer token maps (by its hash) to a user until it expires. */
import type { User } from '../../src/core/api';
import { newToken, tokenHash } from '../auth/tokens';
import type { AppContext } from '../http/context';
import { userFromRow } from './users';

export interface AuthUser extends User {
  readonly tokenHash: string;
}

export async function createSession(ctx: AppContext, userId: string): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ctx.tokenTtlMs).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    // Expired sessions of this user are useless; drop them while we are here.
    await trx.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now.toISOString()).execute();
    await trx
      .insertInto('sessions')
      .values({ token_hash: tokenHash(token), user_id: userId, created_at: now.toISOString(), expires_at: expiresAt })
      .execute();
  });
  return { token, expiresAt };
}

export async function findSessionUser(ctx: AppContext, token: string): Promise<AuthUser | null> {
  const hash = tokenHash(token);
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.token_hash', '=', hash)
    .where('sessions.expires_at', '>', ctx.now().toISOString())
    .executeTakeFirst();
  return row ? { ...userFromRow(row), tokenHash: hash } : null;
}

export async function deleteSession(ctx: AppContext, hash: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('token_hash', '=', hash).execute();
}
