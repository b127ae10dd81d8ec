/**
 * Stores a login the way the app keeps a session (its dexie class and its login copy's writer, so
 * neither can drift): the IndexedDB `session` row and the localStorage copy the app's session slice
 * writes beside it at every sign-in and restore, so a benchmark can open an item in a fresh browser
 * context without loading the app first. The benchmark passes the LoginResponse as the URL fragment
 * (URI-encoded JSON) and waits for `<html data-seeded="true">`; `?copy=0` stores the row only (a
 * device on its first visit since the build that added the copy).
 */
import type { LoginResponse } from '../../src/core/api';
import { MejirushiDb } from '../../src/data/db';
import { loginCopyIn } from '../../src/data/loginCopy';

async function seed(): Promise<void> {
  const login = JSON.parse(decodeURIComponent(window.location.hash.slice(1))) as LoginResponse;
  const db = new MejirushiDb();
  await db.session.put({ id: 'current', login });
  db.close();
  if (new URLSearchParams(window.location.search).get('copy') !== '0') loginCopyIn(window.localStorage).write(login);
  document.documentElement.dataset.seeded = 'true';
}

seed().catch((error: unknown) => {
  document.documentElement.dataset.seeded = `error: ${String(error)}`;
});
