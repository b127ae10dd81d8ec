/**
 * A fresh IndexedDB (fake-indexeddb, imported by the test) per test, closed and deleted after it,
 * with any spies restored.
 */
import { Dexie } from 'dexie';
import { afterEach, vi } from 'vitest';
import { MejirushiDb } from '../db';

export function scratchDbs(prefix: string): () => MejirushiDb {
  const made: MejirushiDb[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const db of made.splice(0)) {
      db.close();
      await Dexie.delete(db.name);
    }
  });
  return () => {
    const db = new MejirushiDb(`${prefix}-${Math.random().toString(36).slice(2)}`);
    made.push(db);
    return db;
  };
}
