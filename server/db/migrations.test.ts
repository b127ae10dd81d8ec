import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, tableNames, testDialects, type TestDatabase } from '../testing/testDatabase';
import { dialectOf } from './dialect';
import { MIGRATIONS, migrateToLatest } from './migrations';

describe.each(testDialects('migrations'))('migrations on %s', (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  it('creates every table once and is a no-op the second time', async () => {
    database = await openTestDatabase(dialect);
    expect(dialectOf(database.db)).toBe(dialect);
    expect(await migrateToLatest(database.db)).toEqual(Object.keys(MIGRATIONS));
    expect(await migrateToLatest(database.db)).toEqual([]);
    const tables = await tableNames(database.db);
    expect(tables).toEqual(
      expect.arrayContaining([
        'annotation_docs',
        'annotation_ops',
        'annotation_records',
        'annotation_snapshots',
        'app_state',
        'assignments',
        'consensus_decisions',
        'audit_log',
        'comment_messages',
        'comment_threads',
        'dataset_attachments',
        'datasets',
        'doc_revisions',
        'idempotency_keys',
        'item_files',
        'items',
        'label_sets',
        'login_throttle',
        'release_files',
        'releases',
        'review_queue',
        'sessions',
        'users',
      ]),
    );
  });

  it('migrates a fresh database while another one beside it (another PostgreSQL schema) is already migrated', async () => {
    database = await openTestDatabase(dialect);
    const beside = await openTestDatabase(dialect);
    try {
      expect(await migrateToLatest(beside.db)).toEqual(Object.keys(MIGRATIONS));
      expect(await migrateToLatest(database.db)).toEqual(Object.keys(MIGRATIONS));
      expect(await tableNames(database.db)).toEqual(await tableNames(beside.db));
    } finally {
      await beside.dispose();
    }
  });

  it('hands back sequence keys and counts as JS numbers on both dialects', async () => {
    database = await openTestDatabase(dialect);
    await migrateToLatest(database.db);
    const { db } = database;
    for (const action of ['a', 'b']) {
      await db.insertInto('audit_log').values({ at: '2026-01-01T00:00:00.000Z', user_id: null, action, entity: 'x', entity_id: 'y', revision: null, detail: '{}' }).execute();
    }
    const rows = await db.selectFrom('audit_log').select(['seq', 'action']).orderBy('seq').execute();
    expect(rows.map((row) => typeof row.seq)).toEqual(['number', 'number']);
    expect((rows[1]?.seq ?? 0) - (rows[0]?.seq ?? 0)).toBe(1);
    const count = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(count.n).toBe(2);
  });

  it('enforces foreign keys', async () => {
    database = await openTestDatabase(dialect);
    await migrateToLatest(database.db);
    const orphan = database.db
      .insertInto('sessions')
      .values({ token_hash: 'h', id: 'i', user_id: 'nobody', created_at: 'now', expires_at: 'later', last_seen_at: 'now', client_address: null, user_agent: null })
      .execute();
    await expect(orphan).rejects.toThrow(/foreign key/i);
  });
});
