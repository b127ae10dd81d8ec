/** Login sessions: a bearer token maps (by its hash) to a user until it expires (pruned by retention.ts). */
import type { Kysely } from 'kysely';
import type { User } from '../../src/core/api';
import { newToken, tokenHash } from '../auth/tokens';
import type { Database } from '../db/schema';
import type { AppContext } from '../http/context';
import { userFromRow } from './users';

export interface AuthUser extends User {
  readonly tokenHash: string;
}

/** Opens a session of `ttlMs`; `db` may be the caller's transaction (the sign-in and its audit row). */
export async function createSession(db: Kysely<Database>, userId: string, now: Date, ttlMs: number): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await db
    .insertInto('sessions')
    .values({ token_hash: tokenHash(token), user_id: userId, created_at: now.toISOString(), expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function findSessionUser(ctx: AppContext, token: string): Promise<AuthUser | null> {
  const hash = tokenHash(token);
  const row = await ctx.reads
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.token_hash', '=', hash)
    .where('sessions.expires_at', '>', ctx.now().toISOString())
    .executeTakeFirst();
  return row ? { ...userFromRow(row), tokenHash: hash } : null;
}

export async function deleteSession(db: Kysely<Database>, hash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hash).execute();
}
