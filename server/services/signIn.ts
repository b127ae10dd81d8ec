/**
 * One sign-in attempt, from the lock check to the session: every attempt (success, wrong password,
 * unknown user, locked, disabled) leaves an audit row, and a failure counts against the account
 * and the client address (loginThrottle.ts) in the same transaction as its audit row.
 */
import { sql, type Kysely } from 'kysely';
import type { LoginResponse } from '../../src/core/api';
import { spendVerifyTime, verifyPassword } from '../auth/password';
import type { Database, UserRow } from '../db/schema';
import { HttpError, unauthorized } from '../http/errors';
import { writeAudit } from './audit';
import { ACCOUNT_RULE, ADDRESS_RULE, accountKey, addressKey, clearFailures, lockedUntil, recordFailure, retryAfterSeconds } from './loginThrottle';
import { createSession, type ClientInfo } from './sessions';
import { userFromRow } from './users';

export interface SignInAttempt {
  readonly username: string;
  readonly password: string;
  readonly client: ClientInfo;
}

/** A refused sign-in that must wait: answered 429 with `Retry-After: seconds`. */
export class SignInLocked extends HttpError {
  constructor(readonly retryAfter: number) {
    super(429, 'login_locked', `too many failed sign-ins; try again in ${retryAfter} seconds`);
  }
}

/** The account of a username, whatever its case (usernames are unique regardless of case). */
export async function findUserByName(db: Kysely<Database>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
}

export async function signIn(db: Kysely<Database>, attempt: SignInAttempt, now: Date, ttlMs: number): Promise<LoginResponse> {
  const at = now.toISOString();
  const account = accountKey(attempt.username);
  const address = attempt.client.address ? addressKey(attempt.client.address) : null;
  const detail = { username: attempt.username, address: attempt.client.address, userAgent: attempt.client.userAgent };
  const audit = (trx: Kysely<Database>, action: string, user: UserRow | undefined, extra: Record<string, unknown> = {}) =>
    writeAudit(trx, { at, userId: user?.id ?? null, action, entity: 'user', entityId: user?.id ?? attempt.username.toLowerCase(), detail: { ...detail, ...extra } });

  const locked = await lockedUntil(db, address ? [account, address] : [account], now);
  if (locked) {
    await audit(db, 'auth.login_refused', await findUserByName(db, attempt.username), { reason: 'locked', lockedUntil: locked.toISOString() });
    throw new SignInLocked(retryAfterSeconds(locked, now));
  }

  const row = await findUserByName(db, attempt.username);
  const valid = row ? await verifyPassword(attempt.password, row.password_hash) : (await spendVerifyTime(attempt.password), false);
  if (!row || !valid) {
    const lock = await db.transaction().execute(async (trx) => {
      const accountLock = await recordFailure(trx, account, ACCOUNT_RULE, now);
      const addressLock = address ? await recordFailure(trx, address, ADDRESS_RULE, now) : null;
      await audit(trx, 'auth.login_failed', row, { reason: row ? 'wrong_password' : 'unknown_user' });
      const until = [accountLock, addressLock].filter((end): end is Date => end !== null).sort((a, b) => b.getTime() - a.getTime())[0];
      if (until) await audit(trx, 'auth.lockout', row, { scope: accountLock ? 'account' : 'address', lockedUntil: until.toISOString() });
      return until ?? null;
    });
    if (lock) throw new SignInLocked(retryAfterSeconds(lock, now));
    throw unauthorized('wrong username or password');
  }
  if (row.disabled_at !== null) {
    await audit(db, 'auth.login_refused', row, { reason: 'disabled' });
    throw new HttpError(403, 'account_disabled', 'this account has been disabled by an administrator');
  }
  const session = await db.transaction().execute(async (trx) => {
    const opened = await createSession(trx, row.id, now, ttlMs, attempt.client);
    await clearFailures(trx, account);
    await audit(trx, 'auth.login', row);
    return opened;
  });
  return { token: session.token, expiresAt: session.expiresAt, user: userFromRow(row) };
}
