import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MejirushiDb, SCHEMA_V1, SCHEMA_V2 } from './db';
import { readBase } from './sync/basePages';
import { SyncEngine } from './syncEngine';
import { serverRecords, startLiveServer, type LiveServer } from './testing/liveServer';
import { ManualClock } from './testing/manualClock';

let server: LiveServer;
let counter = 0;

beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(async () => {
  await server.close();
});

const T = '2024-05-01T08:00:00.000Z';

/** A schema-1 label record as the foundation wrote it. */
function labelV1(targetId: string, classCode: string, authorId: string) {
  return { type: 'label', id: `label:${targetId}`, targetId, classCodes: [classCode], provenance: { authorId, createdAt: T, updatedAt: T, source: { kind: 'human' } } };
}

function docV1(labels: Record<string, string>) {
  const records = Object.fromEntries(Object.entries(labels).map(([targetId, code]) => [`label:${targetId}`, labelV1(targetId, code, server.login.user.id)]));
  return { itemId: server.itemId, annotatorId: server.login.user.id, labelSetId: 'sah-slice', labelSetVersion: 1, records };
}

/** A version-1 database as the foundation left it: one draft (with unsent edits) and its outbox entry. */
async function foundationDatabase(draft: { doc: Record<string, string>; base: Record<string, string> | null; baseRevision: number }): Promise<string> {
  const name = `upgrade-${++counter}`;
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.table('drafts').put({
    itemId: server.itemId,
    annotatorId: server.login.user.id,
    doc: docV1(draft.doc),
    baseRevision: draft.baseRevision,
    baseDoc: draft.base ? docV1(draft.base) : null,
    version: 3,
    syncedVersion: 1,
    updatedAt: 1,
  });
  await v1.table('outbox').put({ opId: 'old-op', itemId: server.itemId, annotatorId: server.login.user.id, seq: 0, version: 3, attempts: 2, nextAttemptAt: 0 });
  await v1.table('meta').put({ key: `changes:${server.login.user.id}`, value: 7 });
  await v1.table('session').put({ id: 'current', login: server.login });
  v1.close();
  return name;
}

function engineOn(db: MejirushiDb): SyncEngine {
  return new SyncEngine({ api: server.api, db, annotatorId: server.login.user.id, clock: new ManualClock(), random: () => 0.5, onlineSignal: () => () => undefined });
}

const target = (i: number) => server.targetIds[i] as string;
const id = (i: number) => `label:sah:${target(i)}`;
const labelsOf = (records: readonly { record: { type: string; targetId: string; classCodes?: readonly string[] } | null }[]) =>
  Object.fromEntries(records.flatMap(({ record }) => (record?.type === 'label' ? [[record.targetId, (record.classCodes ?? []).join(' ')]] : [])));

describe('IndexedDB upgrade from whole-document drafts', () => {
  it('turns a draft into record rows, dirty where it differs from its base, with one legacy batch; keeps the session', async () => {
    const name = await foundationDatabase({
      doc: { [target(0)]: 'sah.present', [target(1)]: 'sah.absent' },
      base: { [target(0)]: 'sah.present', [target(2)]: 'sah.absent' },
      baseRevision: 4,
    });
    const db = new MejirushiDb(name);
    const rows = await db.records.toArray();
    const byId = new Map(rows.map((row) => [row.id, row]));
    // The synced record went on into the document's base (version 4); the drafts stay rows.
    expect([...byId.keys()].sort()).toEqual([id(1), id(2)].sort());
    const doc = { itemId: server.itemId, annotatorId: server.login.user.id };
    expect(await readBase(db, doc)).toMatchObject([{ id: id(0), version: 1, record: { questionId: 'sah', provenance: { authors: [server.login.user.id] } } }]);
    expect(byId.get(id(1))).toMatchObject({ state: 'dirty', baseVersion: 0, base: null, record: { classCodes: ['sah.absent'] } });
    expect(byId.get(id(2))).toMatchObject({ state: 'dirty', baseVersion: 1, record: null, base: { classCodes: ['sah.absent'] } });
    expect(await db.heads.toArray()).toEqual([expect.objectContaining({ itemId: server.itemId, revision: 4, loaded: true })]);
    const outbox = await db.outbox.toArray();
    expect(outbox).toEqual([expect.objectContaining({ legacyBaseRevision: 4, attempts: 0 })]);
    expect(outbox[0]?.opId).not.toBe('old-op');
    expect(await db.meta.toArray()).toEqual([]);
    expect((await db.session.get('current'))?.login.token).toBe(server.login.token);
    db.close();
    await db.delete();
  });

  it('sends unsent work based on the revision the server document was migrated at, once', async () => {
    const name = await foundationDatabase({ doc: { [target(0)]: 'sah.present', [target(1)]: 'sah.absent' }, base: null, baseRevision: 0 });
    const db = new MejirushiDb(name);
    const engine = engineOn(db);
    engine.start();
    await engine.idle();
    expect(labelsOf(await serverRecords(server))).toEqual({ [target(0)]: 'sah.present', [target(1)]: 'sah.absent' });
    expect(await engine.pendingCount()).toBe(0);
    engine.stop();
    db.close();
    await db.delete();
  });

  it('turns unsent work the server has moved past into per-record conflicts, settling identical records at once', async () => {
    // The server is now past revision 0 (the previous test); this device still edits on revision 0.
    const name = await foundationDatabase({ doc: { [target(0)]: 'sah.present', [target(1)]: 'sah.uncertain', [target(3)]: 'sah.absent' }, base: null, baseRevision: 0 });
    const db = new MejirushiDb(name);
    const engine = engineOn(db);
    engine.start();
    await engine.idle();
    const conflicts = await engine.conflictsOf(server.itemId);
    // Slice 0: the same label on both sides (settled); slice 1: different (asks); slice 3: new, but
    // refused with its batch, then sent alone under a new key.
    expect(conflicts.map((c) => c.id)).toEqual([id(1)]);
    expect(conflicts[0]).toMatchObject({ mine: { classCodes: ['sah.uncertain'] }, server: { classCodes: ['sah.absent'] } });
    expect(labelsOf(await serverRecords(server))).toEqual({ [target(0)]: 'sah.present', [target(1)]: 'sah.absent', [target(3)]: 'sah.absent' });
    expect(engine.stateOf(server.itemId)).toMatchObject({ status: 'conflict', conflicts: 1, pending: 0 });
    engine.stop();
    db.close();
    await db.delete();
  });

  it('upgrades version 2 to 4 keeping every row with local work, with an empty journal and no readings', async () => {
    const name = `upgrade-${++counter}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    const doc = { itemId: server.itemId, annotatorId: server.login.user.id };
    const record = { type: 'label', id: id(2), questionId: 'sah', targetId: target(2), classCodes: ['sah.absent'] };
    await v2.table('records').put({ ...doc, id: id(2), record, base: null, baseVersion: 0, state: 'dirty' });
    await v2.table('heads').put({ ...doc, revision: 4, loaded: true, labelSetId: 'sah-slice', labelSetVersion: 2, progress: null, updatedAt: 1 });
    await v2.table('outbox').put({ opId: 'open-batch', ...doc, seq: 0, attempts: 0, nextAttemptAt: 0 });
    v2.close();

    const db = new MejirushiDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.records.toArray()).toEqual([{ ...doc, id: id(2), record, base: null, baseVersion: 0, state: 'dirty' }]);
    expect(await db.heads.get([server.itemId, server.login.user.id])).toMatchObject({ revision: 4, loaded: true });
    expect((await db.outbox.toArray()).map((row) => row.opId)).toEqual(['open-batch']);
    expect(await db.journal.count()).toBe(0);
    await db.readings.put({ itemId: server.itemId, userId: doc.annotatorId, seen: [target(2)], sliceIndex: 2, window: null });
    expect(await db.readings.get([server.itemId, doc.annotatorId])).toMatchObject({ sliceIndex: 2, seen: [target(2)] });
    db.close();
    await db.delete();
  });
});
