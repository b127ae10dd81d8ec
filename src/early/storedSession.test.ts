import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { LoginResponse } from '../core/api';
import { MejirushiDb } from '../data/db';
import { APP_DB_NAME, readStoredLogin } from './storedSession';

const NOW = Date.parse('2026-12-02T12:00:00Z');

function login(expiresAt: string, mustChangePassword = false): LoginResponse {
  return { token: 'token-1', expiresAt, user: { id: 'u1', username: 'reader', displayName: 'Reader', roles: ['annotator'], mustChangePassword, disabled: false } };
}

let dbCount = 0;
async function storedIn(row: LoginResponse | null): Promise<string> {
  const name = `early-session-${++dbCount}`;
  const db = new MejirushiDb(name);
  await db.open();
  if (row) await db.session.put({ id: 'current', login: row });
  db.close();
  return name;
}

describe('the stored session, read before the app runs', () => {
  it('is the app database Dexie opens by default', () => {
    expect(new MejirushiDb().name).toBe(APP_DB_NAME);
  });

  it('answers a login the app would restore', async () => {
    const name = await storedIn(login('2026-12-02T13:00:00Z'));
    expect((await readStoredLogin(NOW, name))?.token).toBe('token-1');
  });

  it('answers null for an expired login, one waiting for a password change, or none', async () => {
    expect(await readStoredLogin(NOW, await storedIn(login('2026-12-02T11:59:59Z')))).toBeNull();
    expect(await readStoredLogin(NOW, await storedIn(login('2026-12-02T13:00:00Z', true)))).toBeNull();
    expect(await readStoredLogin(NOW, await storedIn(null))).toBeNull();
  });

  it('creates no database where there is none, and Dexie then makes the app one as usual', async () => {
    const name = 'early-session-absent';
    expect(await readStoredLogin(NOW, name)).toBeNull();
    expect((await indexedDB.databases()).map((db) => db.name)).not.toContain(name);
    const db = new MejirushiDb(name);
    await db.session.put({ id: 'current', login: login('2026-12-02T13:00:00Z') });
    db.close();
    expect((await readStoredLogin(NOW, name))?.token).toBe('token-1');
  });

  it('reads alongside the app opening the database, neither waiting on the other', async () => {
    const name = await storedIn(login('2026-12-02T13:00:00Z'));
    const reading = readStoredLogin(NOW, name);
    const db = new MejirushiDb(name);
    await db.open();
    expect((await db.session.get('current'))?.login.token).toBe('token-1');
    db.close();
    expect((await reading)?.token).toBe('token-1');
  });
});
