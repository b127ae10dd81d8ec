import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { MejirushiDb } from './db';

let db: MejirushiDb | null = null;
afterEach(async () => {
  db?.close();
  if (db) await Dexie.delete(db.name);
  db = null;
});

describe('MejirushiDb', () => {
  it('announces no storage mutation per write (no liveQuery here: a key’s writes stay lean)', async () => {
    db = new MejirushiDb(`db-test-${Math.random().toString(36).slice(2)}`);
    // Creating the database announces every table once; that is not a write's.
    await db.open();
    const heard: unknown[] = [];
    const listen = (parts: unknown) => heard.push(parts);
    Dexie.on('storagemutated', listen);
    try {
      await db.meta.put({ key: 'k', value: 'v' });
      await db.transaction('rw', db.meta, async () => {
        await db?.meta.put({ key: 'k', value: 'w' });
      });
      expect((await db.meta.get('k'))?.value).toBe('w');
      expect(heard).toEqual([]);
    } finally {
      Dexie.on('storagemutated').unsubscribe(listen);
    }
  });
});
