import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, User } from '../../../src/core/api';
import { createUser } from '../../services/users';
import { json, startTestServer, TEST_PASSWORD, type SignedIn, type TestServer } from '../../testing/testServer';

const HOUR = 3_600_000;

describe('auth', () => {
  let server: TestServer;
  let admin: SignedIn;
  let ann: SignedIn;
  let itemOfOthers: string;
  let itemOfAnn: string;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { tokenTtlMs: 2 * HOUR });
    admin = await server.signIn('admin', ['admin']);
    ann = await server.signIn('ann', ['annotator']);
    const bob = await server.signIn('bob', ['annotator']);
    itemOfAnn = (await server.seedDataset({ assignTo: [ann.user.id] })).itemId;
    itemOfOthers = (await server.seedDataset({ assignTo: [bob.user.id] })).itemId;
  });
  afterAll(async () => server.dispose());

  const login = (username: string, password: string) =>
    server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  it('logs in with the right password and answers who I am', async () => {
    const response = await login('ann', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = json<LoginResponse>(response);
    expect(body.user).toEqual(ann.user);
    expect(Date.parse(body.expiresAt) - server.now().getTime()).toBe(2 * HOUR);
    const me = await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${body.token}` } });
    expect(me.statusCode).toBe(200);
    expect(json<User>(me)).toEqual(ann.user);
  });

  it('refuses a wrong password and an unknown user alike (401)', async () => {
    for (const [username, password] of [
      ['ann', 'wrong password!'],
      ['nobody', TEST_PASSWORD],
    ] as const) {
      const response = await login(username, password);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ error: 'unauthorized', message: 'wrong username or password' });
    }
  });

  it('refuses missing, malformed and unknown tokens (401)', async () => {
    for (const authorization of [undefined, 'Basic abc', 'Bearer', 'Bearer not-a-token-of-ours-0000000000']) {
      const response = await server.app.inject({ method: 'GET', url: '/api/datasets', headers: authorization ? { authorization } : {} });
      expect(response.statusCode, String(authorization)).toBe(401);
      expect(response.json()).toMatchObject({ error: 'unauthorized' });
    }
  });

  it('authenticates by the matched route, not the spelling of the URL', async () => {
    for (const url of ['/%61pi/users', '/api/%75sers', '/api/users/']) {
      const response = await server.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).not.toBe(200);
      expect([401, 404]).toContain(response.statusCode);
    }
  });

  it('refuses an expired token (401)', async () => {
    const fresh = json<LoginResponse>(await login('ann', TEST_PASSWORD));
    const auth = { authorization: `Bearer ${fresh.token}` };
    server.advance(2 * HOUR - 1000);
    expect((await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth })).statusCode).toBe(200);
    server.advance(1000);
    const expired = await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ message: expect.stringMatching(/expired/) });
    // Refresh the shared tokens for the remaining tests.
    admin = { ...admin, ...(await relogin('admin')) };
    ann = { ...ann, ...(await relogin('ann')) };
  });

  async function relogin(username: string): Promise<Pick<SignedIn, 'token' | 'auth'>> {
    const token = json<LoginResponse>(await login(username, TEST_PASSWORD)).token;
    return { token, auth: { authorization: `Bearer ${token}` } };
  }

  it('logs out: the token stops working and the browser is told to drop its HTTP cache (slide tiles)', async () => {
    const { token } = json<LoginResponse>(await login('ann', TEST_PASSWORD));
    const auth = { authorization: `Bearer ${token}` };
    const logout = await server.app.inject({ method: 'POST', url: '/api/auth/logout', headers: auth });
    expect(logout.statusCode).toBe(204);
    expect(logout.headers['clear-site-data']).toBe('"cache"');
    expect((await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth })).statusCode).toBe(401);
  });

  it('checks roles: an annotator cannot use admin routes (403)', async () => {
    const routes = [
      { method: 'GET', url: '/api/users' },
      { method: 'POST', url: '/api/users', payload: { username: 'x1', displayName: 'x', password: 'long enough pass', roles: ['annotator'] } },
      { method: 'POST', url: '/api/datasets', payload: { name: 'x', labelSetId: 'sah-slice', labelSetVersion: 1 } },
      { method: 'GET', url: '/api/audit' },
    ] as const;
    for (const route of routes) {
      const response = await server.app.inject({ ...route, headers: ann.auth });
      expect(response.statusCode, route.url).toBe(403);
      expect(response.json()).toMatchObject({ error: 'forbidden' });
    }
  });

  it("hides another annotator's item (404) but shows one's own", async () => {
    for (const url of [
      `/api/items/${itemOfOthers}`,
      `/api/items/${itemOfOthers}/annotations/me`,
      `/api/items/${itemOfOthers}/annotations/me/revisions`,
      `/api/items/${itemOfOthers}/annotations/me/records`,
      `/api/items/${itemOfOthers}/annotations/me/ops`,
    ]) {
      const response = await server.app.inject({ method: 'GET', url, headers: ann.auth });
      expect(response.statusCode, url).toBe(404);
    }
    const patch = await server.app.inject({
      method: 'PATCH',
      url: `/api/items/${itemOfOthers}/annotations/me`,
      headers: { ...ann.auth, 'idempotency-key': 'k' },
      payload: { ops: [{ kind: 'delete', id: 'x', baseVersion: 1 }] },
    });
    expect(patch.statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: `/api/items/${itemOfAnn}`, headers: ann.auth })).statusCode).toBe(200);
    expect((await server.app.inject({ method: 'GET', url: `/api/items/${itemOfOthers}`, headers: admin.auth })).statusCode).toBe(200);
  });

  it('holds a one-time password account to changing its password first', async () => {
    await createUser(
      server.db,
      { username: 'newbie', displayName: 'New', password: 'one-time pass 1', roles: ['annotator'], mustChangePassword: true },
      null,
      server.now().toISOString(),
    );
    const other = json<LoginResponse>(await login('newbie', 'one-time pass 1'));
    const first = json<LoginResponse>(await login('newbie', 'one-time pass 1'));
    expect(first.user.mustChangePassword).toBe(true);
    const auth = { authorization: `Bearer ${first.token}` };

    const blocked = await server.app.inject({ method: 'GET', url: '/api/datasets', headers: auth });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ error: 'password_change_required' });
    expect((await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth })).statusCode).toBe(200);

    const change = (currentPassword: string, newPassword: string) =>
      server.app.inject({ method: 'POST', url: '/api/auth/password', headers: auth, payload: { currentPassword, newPassword } });
    expect((await change('wrong current', 'a much better secret')).statusCode).toBe(401);
    const weak = await change('one-time pass 1', 'short');
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ error: 'password_too_short', message: expect.stringMatching(/at least 12/) });
    expect((await change('one-time pass 1', 'newbie-password-1')).statusCode).toBe(400);
    expect((await change('one-time pass 1', 'a much better secret')).statusCode).toBe(204);

    expect((await server.app.inject({ method: 'GET', url: '/api/datasets', headers: auth })).statusCode).toBe(200);
    // The session opened with the old password was closed.
    expect((await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${other.token}` } })).statusCode).toBe(401);
    expect((await login('newbie', 'one-time pass 1')).statusCode).toBe(401);
    expect(json<LoginResponse>(await login('newbie', 'a much better secret')).user.mustChangePassword).toBe(false);
  });

  it('stores only an scrypt hash of the password and only a hash of the token', async () => {
    const row = await server.db.selectFrom('users').select('password_hash').where('username', '=', 'ann').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    const tokens = await server.db.selectFrom('sessions').select('token_hash').execute();
    expect(tokens.some((t) => t.token_hash === ann.token)).toBe(false);
    expect(tokens.every((t) => /^[0-9a-f]{64}$/.test(t.token_hash))).toBe(true);
  });

  it('opens and closes a session only together with its audit row', async () => {
    const sessionCount = async () => (await server.db.selectFrom('sessions').select('token_hash').execute()).length;
    // Makes the audit write of a sign-in or sign-out fail, as a full disk or a lost connection would.
    await sql`create trigger refuse_auth_audit before insert on audit_log when new.action in ('auth.login', 'auth.logout')
      begin select raise(abort, 'audit refused'); end`.execute(server.db);
    try {
      const before = await sessionCount();
      expect((await login('ann', TEST_PASSWORD)).statusCode).toBe(500);
      expect(await sessionCount()).toBe(before);
      expect((await server.app.inject({ method: 'POST', url: '/api/auth/logout', headers: ann.auth })).statusCode).toBe(500);
      expect((await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: ann.auth })).statusCode).toBe(200);
    } finally {
      await sql`drop trigger refuse_auth_audit`.execute(server.db);
    }
  });
});
