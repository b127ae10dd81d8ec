import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects, type TestDatabase } from '../../testing/testDatabase';
import { migrateBefore, migrateToLatest, MIGRATIONS } from '../migrations';

// any: the schema before 0005 (no disabled_at, no session ids) is not today's typed Database.
type AnyDb = Kysely<any>;

const AT = '2026-01-01T00:00:00.000Z';

/** A database at 0004, the last migration before accounts, with the given users and one session each. */
async function databaseBeforeAccounts(database: TestDatabase, usernames: readonly string[]): Promise<void> {
  const old = database.db as AnyDb;
  await migrateBefore(old, '0005');
  for (const [i, username] of usernames.entries()) {
    await old
      .insertInto('users')
      .values({ id: `u${i}`, username, display_name: username, roles: '["annotator"]', password_hash: 'x', must_change_password: 0, created_at: AT })
      .execute();
    await old.insertInto('sessions').values({ token_hash: `hash${i}`, user_id: `u${i}`, created_at: AT, expires_at: '2099-01-01T00:00:00.000Z' }).execute();
  }
}

describe.each(testDialects('accounts migration'))('migration 0005 (accounts) on %s', (dialect) => {
  let database: TestDatabase;
  afterEach(async () => database.dispose());

  it('gives existing sessions an id and a last-seen time, and makes usernames unique regardless of case', async () => {
    database = await openTestDatabase(dialect);
    await databaseBeforeAccounts(database, ['kenji', 'Yui']);
    expect(await migrateToLatest(database.db)).toEqual(Object.keys(MIGRATIONS).filter((name) => name >= '0005'));
    const sessions = await database.db.selectFrom('sessions').select(['id', 'last_seen_at', 'client_address']).execute();
    expect(sessions).toHaveLength(2);
    expect(sessions.every((s) => /^[0-9a-f-]{36}$/.test(s.id) && s.last_seen_at === AT && s.client_address === null)).toBe(true);
    expect(new Set(sessions.map((s) => s.id)).size).toBe(2);
    const users = await database.db.selectFrom('users').select(['username', 'disabled_at']).orderBy('username').execute();
    expect(users).toEqual([
      { username: 'Yui', disabled_at: null },
      { username: 'kenji', disabled_at: null },
    ]);
    const duplicate = database.db
      .insertInto('users')
      .values({ id: 'u9', username: 'KENJI', display_name: 'k', roles: '[]', password_hash: 'x', must_change_password: 0, created_at: AT, disabled_at: null })
      .execute();
    await expect(duplicate).rejects.toThrow(/unique|duplicate/i);
    expect(await database.db.selectFrom('login_throttle').selectAll().execute()).toEqual([]);
  });

  it('refuses to run while accounts differ only in case, naming them, and runs once they are renamed', async () => {
    database = await openTestDatabase(dialect);
    await databaseBeforeAccounts(database, ['kenji', 'Kenji', 'KENJI', 'yui', 'Ren', 'ren']);
    const failed = migrateToLatest(database.db);
    await expect(failed).rejects.toThrow(/0005_accounts.*differ only in case: "KENJI", "Kenji", "Ren", "kenji", "ren"\. Rename/);
    // Nothing of the migration was kept.
    expect((await database.db.selectFrom('users').select('username').execute()).length).toBe(6);
    await (database.db as AnyDb).updateTable('users').set({ username: 'kenji2' }).where('username', '=', 'Kenji').execute();
    await (database.db as AnyDb).updateTable('users').set({ username: 'kenji3' }).where('username', '=', 'KENJI').execute();
    await (database.db as AnyDb).updateTable('users').set({ username: 'ren2' }).where('username', '=', 'Ren').execute();
    expect(await migrateToLatest(database.db)).toEqual(Object.keys(MIGRATIONS).filter((name) => name >= '0005'));
  });
});
