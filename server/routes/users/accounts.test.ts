import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedUser, LoginResponse, SessionInfo, User } from '../../../src/core/api';
import { passwordRefusal } from '../../auth/passwordPolicy';
import { setUserDisabled } from '../../services/users';
import { json, startTestServer, TEST_PASSWORD, type SignedIn, type TestServer } from '../../testing/testServer';

describe('account administration', () => {
  let server: TestServer;
  let admin: SignedIn;
  let ann: SignedIn;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    admin = await server.signIn('admin', ['admin']);
    ann = await server.signIn('ann', ['annotator']);
  });
  afterAll(async () => server.dispose());

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, auth = admin.auth) =>
    server.app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });
  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });
  const me = (auth: { authorization: string }) => server.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth });
  const bearer = (response: { json(): unknown }) => ({ authorization: `Bearer ${(response.json() as LoginResponse).token}` });

  it('disables an account: its live token gets 401 account_disabled at once, and it cannot sign in', async () => {
    expect((await me(ann.auth)).statusCode).toBe(200);
    const disabled = await call('PATCH', `/api/users/${ann.user.id}`, { disabled: true });
    expect(disabled.statusCode).toBe(200);
    expect(json<User>(disabled).disabled).toBe(true);
    const refused = await me(ann.auth);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: 'account_disabled' });
    expect((await server.app.inject({ method: 'GET', url: '/api/datasets', headers: ann.auth })).statusCode).toBe(401);
    const signIn = await login('ann', TEST_PASSWORD);
    expect(signIn.statusCode).toBe(403);
    expect(signIn.json()).toMatchObject({ error: 'account_disabled' });
    // A wrong password says nothing about the account's state.
    expect((await login('ann', 'not the password')).statusCode).toBe(401);
  });

  it('re-enables it: it signs in again, and tokens from before the disable stay dead', async () => {
    const enabled = await call('PATCH', `/api/users/${ann.user.id}`, { disabled: false });
    expect(json<User>(enabled).disabled).toBe(false);
    expect((await me(ann.auth)).statusCode).toBe(401);
    const again = await login('ann', TEST_PASSWORD);
    expect(again.statusCode).toBe(200);
    ann = { ...ann, auth: bearer(again) };
    const actions = (await server.db.selectFrom('audit_log').select('action').where('entity_id', '=', ann.user.id).execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.disable', 'user.enable', 'auth.login_refused']));
  });

  it('refuses to disable oneself or the last enabled admin', async () => {
    const self = await call('PATCH', `/api/users/${admin.user.id}`, { disabled: true });
    expect(self.statusCode).toBe(409);
    expect(self.json()).toMatchObject({ error: 'cannot_disable_self' });
    const boss = await server.signIn('boss', ['admin']);
    // With two admins one may disable the other; the one left is then the last.
    expect((await call('PATCH', `/api/users/${boss.user.id}`, { disabled: true })).statusCode).toBe(200);
    expect((await call('PATCH', `/api/users/${admin.user.id}`, { disabled: true }, boss.auth)).statusCode).toBe(401);
    // Through the routes only a race (two admins disabling each other at once) reaches the last one; the service refuses it.
    await expect(setUserDisabled(server.db, admin.user.id, true, boss.user.id, server.now().toISOString())).rejects.toMatchObject({ code: 'last_admin' });
    expect((await me(admin.auth)).statusCode).toBe(200);
    expect((await call('PATCH', '/api/users/00000000-0000-4000-8000-000000000000', { disabled: true })).statusCode).toBe(404);
    expect((await call('PATCH', `/api/users/${ann.user.id}`, { disabled: 'yes' })).statusCode).toBe(400);
  });

  it('lists an account’s sessions with when, from where and with what, and revokes one or all', async () => {
    const phone = await login('ann', TEST_PASSWORD, { 'user-agent': 'Phone/2' });
    const tablet = await login('ann', TEST_PASSWORD, { 'user-agent': 'Tablet/3' });
    const listed = await call('GET', `/api/users/${ann.user.id}/sessions`);
    expect(listed.statusCode).toBe(200);
    const sessions = json<SessionInfo[]>(listed);
    expect(sessions).toHaveLength(3);
    expect(sessions.map((s) => s.userAgent)).toEqual(expect.arrayContaining(['Phone/2', 'Tablet/3']));
    expect(sessions.every((s) => s.clientAddress === '127.0.0.1' && s.lastSeenAt >= s.createdAt)).toBe(true);
    expect(listed.body).not.toContain((phone.json() as LoginResponse).token);

    const phoneSession = sessions.find((s) => s.userAgent === 'Phone/2') as SessionInfo;
    expect((await call('DELETE', `/api/users/${ann.user.id}/sessions/${phoneSession.id}`)).statusCode).toBe(204);
    expect((await me(bearer(phone))).statusCode).toBe(401);
    expect((await me(bearer(tablet))).statusCode).toBe(200);
    expect((await call('DELETE', `/api/users/${ann.user.id}/sessions/${phoneSession.id}`)).statusCode).toBe(404);

    expect((await call('DELETE', `/api/users/${ann.user.id}/sessions`)).statusCode).toBe(204);
    expect((await me(bearer(tablet))).statusCode).toBe(401);
    expect((await me(ann.auth)).statusCode).toBe(401);
    expect(json<SessionInfo[]>(await call('GET', `/api/users/${ann.user.id}/sessions`))).toEqual([]);
    const revokes = await server.db.selectFrom('audit_log').select('detail').where('action', '=', 'session.revoke').execute();
    expect(revokes.map((r) => JSON.parse(r.detail))).toEqual([
      { sessionId: phoneSession.id, ended: 1 },
      { sessionId: 'all', ended: 2 },
    ]);
    // Not for annotators.
    expect((await call('GET', `/api/users/${ann.user.id}/sessions`, undefined, bearer(await login('ann', TEST_PASSWORD)))).statusCode).toBe(403);
  });

  it('resets a password: a one-time password that meets the policy, sessions ended, a new one chosen at next sign-in', async () => {
    const live = bearer(await login('ann', TEST_PASSWORD));
    const reset = await call('POST', `/api/users/${ann.user.id}/password-reset`);
    expect(reset.statusCode).toBe(200);
    const { oneTimePassword, ...user } = json<CreatedUser>(reset);
    expect(user.mustChangePassword).toBe(true);
    expect(passwordRefusal(oneTimePassword as string, 'ann')).toBeNull();
    expect((await me(live)).statusCode).toBe(401);
    expect((await login('ann', TEST_PASSWORD)).statusCode).toBe(401);
    const first = await login('ann', oneTimePassword as string);
    expect(json<LoginResponse>(first).user.mustChangePassword).toBe(true);
    expect((await server.app.inject({ method: 'GET', url: '/api/datasets', headers: bearer(first) })).json()).toMatchObject({ error: 'password_change_required' });
    const self = await call('POST', `/api/users/${admin.user.id}/password-reset`);
    expect(self.statusCode).toBe(409);
    expect(self.json()).toMatchObject({ error: 'cannot_reset_self' });
  });

  it('applies the password policy at creation, change and reset, each refusal with its code', async () => {
    const create = (username: string, password?: string) =>
      call('POST', '/api/users', { username, displayName: username, roles: ['annotator'], ...(password === undefined ? {} : { password }) });
    for (const [password, code] of [
      ['elevenchars', 'password_too_short'],
      ['iloveyou1234', 'password_common'],
      ['hana-garden-2026', 'password_contains_username'],
      ['zzzzzzzzzzzzzzzz', 'password_too_simple'],
    ] as const) {
      const response = await create('hana', password);
      expect(response.statusCode, password).toBe(400);
      expect(response.json()).toMatchObject({ error: code });
    }
    const made = await create('hana');
    expect(made.statusCode).toBe(201);
    const created = json<CreatedUser>(made);
    expect(passwordRefusal(created.oneTimePassword as string, 'hana')).toBeNull();
    const session = bearer(await login('hana', created.oneTimePassword as string));
    const change = (newPassword: string) =>
      server.app.inject({ method: 'POST', url: '/api/auth/password', headers: session, payload: { currentPassword: created.oneTimePassword, newPassword } });
    expect((await change('Password12345')).json()).toMatchObject({ error: 'password_common' });
    expect((await change('my HANA passphrase')).json()).toMatchObject({ error: 'password_contains_username' });
    expect((await change('a quiet morning walk')).statusCode).toBe(204);
  });

  it('keeps usernames unique regardless of case and signs in whatever the case typed', async () => {
    const taken = await call('POST', '/api/users', { username: 'ANN', displayName: 'x', roles: ['annotator'] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: 'username_taken' });
    await server.signIn('Kenji.Sato', ['annotator']);
    for (const typed of ['kenji.sato', 'KENJI.SATO', 'Kenji.Sato']) {
      const response = await login(typed, TEST_PASSWORD);
      expect(response.statusCode, typed).toBe(200);
      expect(json<LoginResponse>(response).user.username).toBe('Kenji.Sato');
    }
  });
});
