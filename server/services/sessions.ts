/** Login sessions: a bearer token maps (by its hash) to a user until it expires (pruned by retention.ts). */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SessionInfo, User } from '../../src/core/api';
import { newToken, tokenHash } from '../auth/tokens';
import type { Database, SessionRow } from '../db/schema';
import type { AppContext } from '../http/context';
import { userFromRow } from './users';

/** `last_seen_at` is written at most this often per session, so reads do not each cost a write. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export interface AuthUser extends User {
  readonly tokenHash: string;
  /** Public id of the session the request came with. */
  readonly sessionId: string;
}

/** Where a sign-in came from, kept with its session for the admin's session list. */
export interface ClientInfo {
  readonly address: string | null;
  readonly userAgent: string | null;
}

/** Opens a session of `ttlMs`; `db` may be the caller's transaction (the sign-in and its audit row). */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  now: Date,
  ttlMs: number,
  client: ClientInfo = { address: null, userAgent: null },
): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await db
    .insertInto('sessions')
    .values({
      token_hash: tokenHash(token),
      id: randomUUID(),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      last_seen_at: now.toISOString(),
      client_address: client.address,
      user_agent: client.userAgent,
    })
    .execute();
  return { token, expiresAt };
}

export type SessionLookup =
  | { readonly kind: 'valid'; readonly user: AuthUser }
  | { readonly kind: 'disabled' }
  | { readonly kind: 'unknown' };

/** The session of `token` and its user; a disabled account's sessions are refused on every request. */
export async function findSession(ctx: AppContext, token: string): Promise<SessionLookup> {
  const hash = tokenHash(token);
  const now = ctx.now();
  const row = await ctx.reads
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.id as session_id', 'sessions.last_seen_at'])
    .where('sessions.token_hash', '=', hash)
    .where('sessions.expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!row) return { kind: 'unknown' };
  if (row.disabled_at !== null) return { kind: 'disabled' };
  if (now.getTime() - Date.parse(row.last_seen_at) >= LAST_SEEN_RESOLUTION_MS) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('token_hash', '=', hash).execute();
  }
  return { kind: 'valid', user: { ...userFromRow(row), tokenHash: hash, sessionId: row.session_id } };
}

export async function deleteSession(db: Kysely<Database>, hash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hash).execute();
}

function sessionInfo(row: SessionRow): SessionInfo {
  return {
    id: row.id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    clientAddress: row.client_address,
    userAgent: row.user_agent,
  };
}

/** The live (unexpired) sessions of a user, newest first. */
export async function listSessions(db: Kysely<Database>, userId: string, now: Date): Promise<SessionInfo[]> {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(sessionInfo);
}

/** Ends one session of a user (by its public id) or, with `sessionId` null, all of them; returns how many ended. */
export async function revokeSessions(db: Kysely<Database>, userId: string, sessionId: string | null): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (sessionId !== null) query = query.where('id', '=', sessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
