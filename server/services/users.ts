/** User accounts. Roles are kept as a JSON array; passwords only as scrypt hashes. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role, User } from '../../src/core/api';
import { hashPassword } from '../auth/password';
import type { Database, UserRow } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { writeAudit } from './audit';

export const ROLES: readonly Role[] = ['annotator', 'reviewer', 'admin'];

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
  const row: UserRow = {
    id,
    username: user.username,
    display_name: user.displayName,
    roles: JSON.stringify(roles),
    password_hash: passwordHash,
    must_change_password: user.mustChangePassword ? 1 : 0,
    created_at: at,
  };
  await inTransaction(db, async (trx) => {
    await trx.insertInto('users').values(row).execute();
    await writeAudit(trx, { at, userId: actorId, action: 'user.create', entity: 'user', entityId: id, detail: { username: user.username, roles } });
  });
  return userFromRow(row);
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(userFromRow);
}
