/**
 * Account safety: usernames unique whatever their case, accounts an admin can disable, sessions
 * an admin can list and revoke one by one (an id, when last seen, from where), and the
 * sign-in failure counters that lock an account or a client address for a while. The counters
 * live in the database so a lockout holds across restarts and across every server instance.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';
import { hasColumn } from '../dialect';

// any: a migration describes the schema as it was then, not today's typed Database.
type AnyDb = Kysely<any>;

/** Refuses to go on while two accounts differ only in case: an admin must rename one first. */
async function refuseCaseDuplicates(db: AnyDb): Promise<void> {
  const rows = await db
    .selectFrom('users')
    .select('username')
    .where(sql<string>`lower(username)`, 'in', db.selectFrom('users').select(sql<string>`lower(username)`.as('name')).groupBy(sql`lower(username)`).having(sql`count(*)`, '>', 1))
    .execute();
  if (rows.length === 0) return;
  // Sorted here, not by the database, whose collation may order case differently.
  const names = rows
    .map((row: { username: string }) => `"${row.username}"`)
    .sort()
    .join(', ');
  throw new Error(
    `usernames must be unique regardless of upper and lower case, but these accounts differ only in case: ${names}. ` +
      'Rename all but one of each (UPDATE users SET username = … WHERE username = …) and start again.',
  );
}

async function addTextColumn(db: AnyDb, table: string, column: string): Promise<void> {
  if (!(await hasColumn(db, table, column))) await db.schema.alterTable(table).addColumn(column, 'text').execute();
}

export const accountsMigration: Migration = {
  async up(db: AnyDb): Promise<void> {
    await refuseCaseDuplicates(db);
    await db.schema.createIndex('users_username_lower').unique().on('users').expression(sql`lower(username)`).execute();
    await addTextColumn(db, 'users', 'disabled_at');

    // One column per statement: SQLite adds only one at a time.
    for (const column of ['id', 'last_seen_at', 'client_address', 'user_agent']) await addTextColumn(db, 'sessions', column);
    const sessions = await db.selectFrom('sessions').select(['token_hash', 'created_at']).execute();
    for (const session of sessions as { token_hash: string; created_at: string }[]) {
      await db.updateTable('sessions').set({ id: randomUUID(), last_seen_at: session.created_at }).where('token_hash', '=', session.token_hash).execute();
    }
    await db.schema.createIndex('sessions_id').unique().on('sessions').column('id').execute();

    await db.schema
      .createTable('login_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .execute();
    await db.schema.createIndex('login_throttle_window').on('login_throttle').column('window_start').execute();
  },
};
