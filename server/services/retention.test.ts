import { afterEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../bootstrap';
import { openTestDatabase, testDialects, type TestDatabase } from '../testing/testDatabase';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing/testServer';
import { IDEMPOTENCY_KEY_RETENTION_MS, pruneAllExpired, pruneExpired } from './retention';
import { createUser } from './users';

const DAY = 24 * 3_600_000;
const NOW = new Date('2026-03-01T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

describe.each(testDialects('retention'))('retention on %s', (dialect) => {
  let database: TestDatabase | undefined;
  let server: TestServer | undefined;
  afterEach(async () => {
    await database?.dispose();
    await server?.dispose();
    database = server = undefined;
  });

  /** Sessions expiring at the given offsets from NOW, and idempotency keys created at the given ages. */
  async function seed(db: TestDatabase['db'], sessionOffsets: readonly number[], keyAges: readonly number[]): Promise<void> {
    const user = await createUser(db, { username: 'u1', displayName: 'u1', password: TEST_PASSWORD, roles: ['annotator'], mustChangePassword: false }, null, ago(60 * DAY));
    for (const [i, offset] of sessionOffsets.entries()) {
      await db
        .insertInto('sessions')
        .values({ token_hash: `s${i}`, id: `id${i}`, user_id: user.id, created_at: ago(60 * DAY), expires_at: ago(-offset), last_seen_at: ago(60 * DAY), client_address: null, user_agent: null })
        .execute();
    }
    for (const [i, age] of keyAges.entries()) {
      await db
        .insertInto('idempotency_keys')
        .values({ user_id: user.id, key: `k${i}`, request_hash: 'h', status_code: 200, response: '{}', created_at: ago(age) })
        .execute();
    }
  }

  const remaining = async (db: TestDatabase['db']) => ({
    sessions: (await db.selectFrom('sessions').select('token_hash').orderBy('token_hash').execute()).map((r) => r.token_hash),
    keys: (await db.selectFrom('idempotency_keys').select('key').orderBy('key').execute()).map((r) => r.key),
  });

  it('deletes expired sessions and idempotency keys past retention, at most a batch at a time', async () => {
    database = await openTestDatabase(dialect);
    await bootstrap(database.db, { dataDir: database.dataDir, demo: false, now: () => NOW });
    // Expired: s0..s2 (s2 exactly now); live: s3. Past retention: k0..k2; kept: k3 (1 ms short of it).
    await seed(database.db, [-DAY, -1, 0, 1], [90 * DAY, 31 * DAY, IDEMPOTENCY_KEY_RETENTION_MS + 1, IDEMPOTENCY_KEY_RETENTION_MS - 1]);

    expect(await pruneExpired(database.db, NOW, 2)).toEqual({ sessions: 2, idempotencyKeys: 2 });
    expect(await remaining(database.db)).toMatchObject({ sessions: expect.arrayContaining(['s3']), keys: expect.arrayContaining(['k3']) });
    expect((await remaining(database.db)).sessions).toHaveLength(2);

    expect(await pruneAllExpired(database.db, NOW, 2)).toEqual({ sessions: 1, idempotencyKeys: 1 });
    expect(await remaining(database.db)).toEqual({ sessions: ['s3'], keys: ['k3'] });
    expect(await pruneAllExpired(database.db, NOW)).toEqual({ sessions: 0, idempotencyKeys: 0 });
  });

  it('prunes at startup', async () => {
    database = await openTestDatabase(dialect);
    await bootstrap(database.db, { dataDir: database.dataDir, demo: false, now: () => NOW });
    await seed(database.db, [-DAY, DAY], [40 * DAY, DAY]);
    await bootstrap(database.db, { dataDir: database.dataDir, demo: false, now: () => NOW });
    expect(await remaining(database.db)).toEqual({ sessions: ['s1'], keys: ['k1'] });
  });

  it('prunes at sign-in, keeping live sessions and recent keys', async () => {
    server = await startTestServer(dialect, { tokenTtlMs: DAY });
    const early = await server.signIn('early', ['annotator']);
    await server.db
      .insertInto('idempotency_keys')
      .values({ user_id: early.user.id, key: 'old', request_hash: 'h', status_code: 200, response: '{}', created_at: server.now().toISOString() })
      .execute();
    server.advance(IDEMPOTENCY_KEY_RETENTION_MS + 1);
    const late = await server.signIn('late', ['annotator']);

    const sessions = await server.db.selectFrom('sessions').select('user_id').execute();
    expect(sessions.map((s) => s.user_id)).toEqual([late.user.id]);
    expect(await server.db.selectFrom('idempotency_keys').select('key').execute()).toEqual([]);
    expect((await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: late.auth })).statusCode).toBe(200);
  });
});
