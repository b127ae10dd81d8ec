import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../../src/core/api';
import { buildApp } from '../../app';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, TEST_PASSWORD, type TestServer } from '../../testing/testServer';

const MINUTE = 60_000;

describe.each(testDialects('sign-in throttling'))('sign-in throttling on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const name of ['mika', 'ren', 'sora', 'yui']) await server.signIn(name, ['annotator']);
  });
  afterAll(async () => server.dispose());

  const login = (username: string, password: string, remoteAddress = '192.0.2.10', app = server.app) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress, headers: { 'user-agent': 'TestBrowser/1.0' } });

  const auditOf = async (action: string) =>
    (await server.db.selectFrom('audit_log').select(['action', 'user_id', 'detail']).where('action', '=', action).orderBy('seq').execute()).map(
      (row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }),
    );

  it('locks an account after 5 wrong passwords: 60 tries get 429 with Retry-After, the right password too', async () => {
    const statuses: number[] = [];
    let lastRetryAfter = '';
    for (let i = 0; i < 60; i += 1) {
      const response = await login('mika', `wrong password ${i}`);
      statuses.push(response.statusCode);
      if (response.statusCode === 429) {
        lastRetryAfter = String(response.headers['retry-after']);
        expect(response.json()).toMatchObject({ error: 'login_locked', message: expect.stringMatching(/try again in 60 seconds/) });
      }
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4).every((status) => status === 429)).toBe(true);
    expect(lastRetryAfter).toBe('60');
    // The right password does not get through a lock (nor is it checked).
    const right = await login('mika', TEST_PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toBe('60');
    // Other accounts from the same address are not affected.
    expect((await login('ren', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('writes every attempt to the audit trail: failures, the lockout, refusals and successes', async () => {
    const failed = await auditOf('auth.login_failed');
    expect(failed.filter((row) => row.detail.username === 'mika')).toHaveLength(5);
    expect(failed[0]?.detail).toMatchObject({ username: 'mika', address: '192.0.2.10', userAgent: 'TestBrowser/1.0', reason: 'wrong_password' });
    expect(failed[0]?.user_id).toEqual(expect.any(String));
    const lockouts = await auditOf('auth.lockout');
    expect(lockouts.map((row) => row.detail)).toEqual([expect.objectContaining({ username: 'mika', scope: 'account' })]);
    const refused = (await auditOf('auth.login_refused')).filter((row) => row.detail.username === 'mika');
    expect(refused).toHaveLength(56);
    expect(refused.every((row) => row.detail.reason === 'locked')).toBe(true);
    const succeeded = (await auditOf('auth.login')).filter((row) => row.detail.username === 'ren');
    expect(succeeded.at(-1)?.detail).toMatchObject({ address: '192.0.2.10', userAgent: 'TestBrowser/1.0' });
  });

  it('lets the account in once the lock expires; each further failure doubles the wait', async () => {
    server.advance(MINUTE);
    const next = await login('mika', 'wrong again');
    expect(next.statusCode).toBe(429);
    expect(next.headers['retry-after']).toBe('120');
    server.advance(2 * MINUTE);
    const response = await login('MIKA', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    // Success clears the count: the next wrong password is a plain 401 again.
    expect((await login('mika', 'wrong once more')).statusCode).toBe(401);
  });

  it('holds the lock in the database: a second server instance on it refuses too', async () => {
    for (let i = 0; i < 5; i += 1) await login('sora', `nope ${i}`);
    const other = await buildApp({ db: server.db, blobs: server.blobs, now: () => server.now() });
    try {
      const response = await login('sora', TEST_PASSWORD, '192.0.2.99', other);
      expect(response.statusCode).toBe(429);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });

  it('locks an address spraying many accounts, not the accounts nor other addresses', async () => {
    const sprayer = '198.51.100.7';
    // 4 tries on each of many names (real and unknown): no account reaches its own limit.
    const names = ['yui', ...Array.from({ length: 12 }, (_, i) => `guess${i}`)];
    const statuses: number[] = [];
    for (const name of names) for (let i = 0; i < 4; i += 1) statuses.push((await login(name, 'Summer2026!!', sprayer)).statusCode);
    expect(statuses.slice(0, 49).every((status) => status === 401)).toBe(true);
    expect(statuses[49]).toBe(429);
    expect(statuses.slice(50).every((status) => status === 429)).toBe(true);
    const refused = await login('yui', TEST_PASSWORD, sprayer);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('900');
    expect((await auditOf('auth.lockout')).at(-1)?.detail).toMatchObject({ scope: 'address', address: sprayer });
    // The same account from its own address signs in.
    expect(json<LoginResponse>(await login('yui', TEST_PASSWORD, '203.0.113.5')).user.username).toBe('yui');
    server.advance(15 * MINUTE);
    expect((await login('yui', TEST_PASSWORD, sprayer)).statusCode).toBe(200);
  });
});
