/**
 * Stores a login in the app's own IndexedDB (its dexie class, so the schema cannot drift), the
 * way the app keeps a session, so a benchmark can open an item in a fresh browser context
 * without loading the app first. The benchmark passes the LoginResponse as the URL fragment
 * (URI-encoded JSON) and waits for `<html data-seeded="true">`.
 */
import type { LoginResponse } from '../../src/core/api';
import { MejirushiDb } from '../../src/data/db';

async function seed(): Promise<void> {
  const login = JSON.parse(decodeURIComponent(window.location.hash.slice(1))) as LoginResponse;
  const db = new MejirushiDb();
  await db.session.put({ id: 'current', login });
  db.close();
  document.documentElement.dataset.seeded = 'true';
}

seed().catch((error: unknown) => {
  document.documentElement.dataset.seeded = `error: ${String(error)}`;
});
