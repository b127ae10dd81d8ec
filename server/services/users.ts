/** User accounts. Roles are kept as a JSON array; passwords only as scrypt hashes; usernames unique regardless of case. */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { ROLES, type CreatedUser, type Reader, type Role, type User } from '../../src/core/api';
import { hashPassword } from '../auth/password';
import { oneTimePasswordFor } from '../auth/passwordPolicy';
import { dialectOf } from '../db/dialect';
import type { Database, UserRow } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { conflict } from '../http/errors';
import { writeAudit } from './audit';
import { accountKey, clearFailures } from './loginThrottle';

function parseRoles(text: string): Role[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? ROLES.filter((role) => parsed.includes(role)) : [];
}

export function userFromRow(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: parseRoles(row.roles),
    mustChangePassword: row.must_change_password !== 0,
    disabled: row.disabled_at !== null,
  };
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly roles: readonly Role[];
  readonly mustChangePassword: boolean;
}

/** Creates a user and its audit row; throws a unique violation when the username is taken. */
export async function createUser(db: Kysely<Database>, user: NewUser, actorId: string | null, at: string): Promise<User> {
  const passwordHash = await hashPassword(user.password);
  const id = randomUUID();
  const roles = ROLES.filter((role) => user.roles.includes(role));
  const columns = {
    id,
    username: user.username,
    display_name: user.displayName,
    roles: JSON.stringify(roles),
    password_hash: passwordHash,
    must_change_password: user.mustChangePassword ? 1 : 0,
    created_at: at,
  };
  const row: UserRow = { ...columns, disabled_at: null };
  await inTransaction(db, async (trx) => {
    // `disabled_at` is left to its default, so tests can still make users in a database from before 0005.
    await trx.insertInto('users').values(columns).execute();
    await writeAudit(trx, { at, userId: actorId, action: 'user.create', entity: 'user', entityId: id, detail: { username: user.username, roles } });
  });
  return userFromRow(row);
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(userFromRow);
}

/** Who can be assigned items: enabled accounts with the annotator role. */
export async function listReaders(db: Kysely<Database>): Promise<Reader[]> {
  const users = await listUsers(db);
  return users.filter((user) => !user.disabled && user.roles.includes('annotator')).map(({ id, username, displayName }) => ({ id, username, displayName }));
}

export async function findUserRow(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Makes this transaction the only one changing who may administer until it ends, so two admins
 * disabling each other at once cannot leave no admin. SQLite writers are serial already.
 */
async function lockAdministration(trx: Kysely<Database>): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended('mejirushi.administration', 0))`.execute(trx);
}

async function enabledAdminCount(db: Kysely<Database>): Promise<number> {
  const rows = await db.selectFrom('users').select('roles').where('disabled_at', 'is', null).execute();
  return rows.filter((row) => parseRoles(row.roles).includes('admin')).length;
}

/**
 * Disables or re-enables an account. A disabled account's sessions are refused on every request
 * (they stay listed, so its user is told why); re-enabling ends them, so a token from before the
 * disable does not come back to life. An admin cannot disable themselves or the last enabled admin.
 */
export async function setUserDisabled(db: Kysely<Database>, userId: string, disabled: boolean, actorId: string, at: string): Promise<User | null> {
  if (disabled && userId === actorId) throw conflict('cannot_disable_self', 'an administrator cannot disable their own account');
  return inTransaction(db, async (trx) => {
    await lockAdministration(trx);
    const row = await findUserRow(trx, userId);
    if (!row) return null;
    if ((row.disabled_at !== null) === disabled) return userFromRow(row);
    const disabledAt = disabled ? at : null;
    await trx.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', userId).execute();
    if (disabled && (await enabledAdminCount(trx)) === 0) throw conflict('last_admin', 'the last enabled administrator cannot be disabled');
    if (!disabled) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await writeAudit(trx, { at, userId: actorId, action: disabled ? 'user.disable' : 'user.enable', entity: 'user', entityId: userId, detail: { username: row.username } });
    return userFromRow({ ...row, disabled_at: disabledAt });
  });
}

/**
 * Replaces an account's password with a one-time one the server makes (it meets the policy), ends
 * every session of the account, forgets its failed sign-ins and makes it choose a new password at
 * its next sign-in. An admin changes their own password the ordinary way instead.
 */
export async function resetPassword(db: Kysely<Database>, userId: string, actorId: string, at: string): Promise<CreatedUser | null> {
  if (userId === actorId) throw conflict('cannot_reset_self', 'change your own password from your account instead');
  const row = await findUserRow(db, userId);
  if (!row) return null;
  const oneTimePassword = oneTimePasswordFor(row.username);
  const passwordHash = await hashPassword(oneTimePassword);
  await inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 1 }).where('id', '=', userId).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await clearFailures(trx, accountKey(row.username));
    await writeAudit(trx, { at, userId: actorId, action: 'user.password_reset', entity: 'user', entityId: userId, detail: { username: row.username } });
  });
  return { ...userFromRow({ ...row, must_change_password: 1 }), oneTimePassword };
}
