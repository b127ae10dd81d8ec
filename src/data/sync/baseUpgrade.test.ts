/**
 * IndexedDB version 3 → 4: a loaded document's synced rows become its base pages, and every row
 * with local work (dirty, in a batch on its way, in conflict) and every unloaded document stays
 * as it was, so a user's drafts survive the upgrade and still go out on their base versions.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../../core/annotation';
import { RECORD_SCHEMA } from '../../core/records';
import { humanProvenance } from '../../core/testing/records';
import { MejirushiDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, type RecordRow } from '../db';
import { baseVersions, readBase } from './basePages';
import { dirtyCount } from './dirtyCount';
import { readRecords, rowsInState } from './recordRows';

const LOADED = { itemId: 'slide-1', annotatorId: 'u1' } as const;
const UNLOADED = { itemId: 'slide-2', annotatorId: 'u1' } as const;
let db: MejirushiDb | null = null;
let counter = 0;

afterEach(async () => {
  db?.close();
  await db?.delete();
  db = null;
});

function outline(itemId: string, id: string, x = 1): AnnotationRecord {
  return { type: 'shape', id, questionId: 'lesion', targetId: itemId, classCode: 'lesion.other', geometry: { type: 'point', point: [x, x] }, provenance: humanProvenance('u1') };
}

const head = (doc: { readonly itemId: string; readonly annotatorId: string }, loaded: boolean) => ({ ...doc, revision: 8, loaded, labelSetId: 'gastric-biopsy', labelSetVersion: 1, progress: null, updatedAt: 1, dirty: 2 });

/** Rows of the loaded document: synced ones (a tombstone among them) and drafts of every kind. */
function loadedRows(): RecordRow[] {
  const at = (id: string, x = 1) => outline(LOADED.itemId, id, x);
  const synced = Array.from({ length: 7 }, (_, i): RecordRow => ({ ...LOADED, id: `s${i}`, record: at(`s${i}`), baseVersion: i + 1, state: 'synced' }));
  return [
    ...synced,
    { ...LOADED, id: 'gone', record: null, baseVersion: 3, state: 'synced' },
    { ...LOADED, id: 'edited', record: at('edited', 5), base: at('edited'), baseVersion: 2, state: 'dirty' },
    { ...LOADED, id: 'sending', record: at('sending', 6), base: at('sending'), baseVersion: 4, state: 'dirty', batch: 'frozen-batch' },
    {
      ...LOADED,
      id: 'both',
      record: at('both', 7),
      base: at('both'),
      baseVersion: 1,
      state: 'conflict',
      conflict: { server: { id: 'both', version: 2, schema: RECORD_SCHEMA.shape, record: at('both', 8) }, detectedAt: 5 },
    },
  ];
}

async function versionThreeDatabase(): Promise<string> {
  const name = `base-upgrade-${++counter}`;
  const v3 = new Dexie(name);
  v3.version(1).stores(SCHEMA_V1);
  v3.version(2).stores(SCHEMA_V2);
  v3.version(3).stores(SCHEMA_V3);
  await v3.table('heads').bulkPut([head(LOADED, true), head(UNLOADED, false)]);
  await v3.table('records').bulkPut([
    ...loadedRows(),
    { ...UNLOADED, id: 'acked', record: outline(UNLOADED.itemId, 'acked'), baseVersion: 1, state: 'synced' },
    { ...UNLOADED, id: 'offline', record: outline(UNLOADED.itemId, 'offline'), base: null, baseVersion: 0, state: 'dirty' },
  ]);
  await v3.table('outbox').bulkPut([
    { opId: 'frozen-batch', ...LOADED, seq: 0, ops: [{ kind: 'put', id: 'sending', baseVersion: 4, record: outline(LOADED.itemId, 'sending', 6) }], attempts: 1, nextAttemptAt: 0 },
    { opId: 'open-batch', ...LOADED, seq: 1, attempts: 0, nextAttemptAt: 0 },
  ]);
  await v3.table('journal').put({ id: 'j1', ...LOADED, diff: { s1: [outline(LOADED.itemId, 's1'), outline(LOADED.itemId, 's1', 2)] } });
  v3.close();
  return name;
}

describe('IndexedDB upgrade to base pages', () => {
  it('moves synced rows of loaded documents into base pages and keeps every draft, batch and journal entry', async () => {
    const name = await versionThreeDatabase();
    const before = loadedRows().flatMap((row) => (row.record ? [row.record] : []));
    db = new MejirushiDb(name);
    await db.open();
    expect(db.verno).toBe(4);

    const kept = await db.records.where('[itemId+annotatorId+id]').between([LOADED.itemId, LOADED.annotatorId, ''], [LOADED.itemId, LOADED.annotatorId, Dexie.maxKey]).toArray();
    expect(kept).toEqual(loadedRows().filter((row) => row.state !== 'synced').sort((a, b) => a.id.localeCompare(b.id)));
    expect((await readBase(db, LOADED)).map((record) => `${record.id}@${record.version}`)).toEqual(['gone@3', ...Array.from({ length: 7 }, (_, i) => `s${i}@${i + 1}`)]);
    expect(await baseVersions(db, LOADED, ['s3', 'gone', 'edited'])).toEqual(new Map([['s3', 4], ['gone', 3]]));
    expect(new Set(await readRecords(db, LOADED))).toEqual(new Set(before));

    // The unloaded document is loaded again at its next open: its rows stay as they are.
    expect((await readRecords(db, UNLOADED)).map((record) => record.id)).toEqual(['acked', 'offline']);
    expect(await readBase(db, UNLOADED)).toEqual([]);

    expect((await db.outbox.toArray()).map((row) => row.opId)).toEqual(['frozen-batch', 'open-batch']);
    expect(await db.journal.get('j1')).toBeDefined();
    expect(await dirtyCount(db, LOADED)).toBe(2);
    expect((await rowsInState(db, LOADED, 'dirty').toArray()).map((row) => row.id)).toEqual(['edited', 'sending']);
    expect((await rowsInState(db, LOADED, 'conflict').toArray()).map((row) => row.id)).toEqual(['both']);
  });
});
