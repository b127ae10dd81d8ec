import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, User } from '../../../src/core/api';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

describe('users (admin)', () => {
  let server: TestServer;
  let admin: SignedIn;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    admin = await server.signIn('admin', ['admin']);
  });
  afterAll(async () => server.dispose());

  const create = (payload: object) => server.app.inject({ method: 'POST', url: '/api/users', headers: admin.auth, payload });

  it('creates a user with a one-time password, who can then sign in', async () => {
    const response = await create({ username: 'kenji', displayName: '田中 健二', password: 'first password 1', roles: ['annotator', 'reviewer'] });
    expect(response.statusCode).toBe(201);
    const user = json<User>(response);
    expect(user).toMatchObject({ username: 'kenji', displayName: '田中 健二', roles: ['annotator', 'reviewer'], mustChangePassword: true });
    const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'kenji', password: 'first password 1' } });
    expect(json<LoginResponse>(login).user.id).toBe(user.id);
  });

  it('lists users without password hashes', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/api/users', headers: admin.auth });
    expect(response.statusCode).toBe(200);
    expect(json<User[]>(response).map((u) => u.username)).toEqual(['admin', 'kenji']);
    expect(response.body).not.toMatch(/scrypt/);
  });

  it('refuses a taken username (409) and bad input (400) with a message', async () => {
    const taken = await create({ username: 'kenji', displayName: 'x', password: 'first password 1', roles: ['annotator'] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: 'username_taken' });
    const bad: [object, RegExp][] = [
      [{ displayName: 'x', password: 'first password 1', roles: ['annotator'] }, /username/],
      [{ username: 'a b', displayName: 'x', password: 'first password 1', roles: ['annotator'] }, /username/],
      [{ username: 'ab', displayName: 'x', password: 'first password 1', roles: ['boss'] }, /roles/],
      [{ username: 'ab', displayName: 'x', password: 'first password 1', roles: [] }, /roles/],
      [{ username: 'ab', displayName: 7, password: 'first password 1', roles: ['admin'] }, /displayName/],
      [{ username: 'ab', displayName: 'x', password: 'short', roles: ['admin'] }, /at least 12/],
      [{ username: 'ab', displayName: 'x', password: 'first password 1', roles: ['admin'], extra: 1 }, /additional/],
    ];
    for (const [payload, message] of bad) {
      const response = await create(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(json<{ message: string }>(response).message).toMatch(message);
    }
  });
});
