import { sql } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectOf } from '../../db/dialect';
import { humanBy, label, patchBatch, put } from '../../testing/documents';
import { testDialects } from '../../testing/testDatabase';
import { startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';
import { ChangeHub, type ChangeNotice } from './changeHub';

describe.each(testDialects('change hub'))('change hub on %s', (dialect) => {
  let server: TestServer;
  let ann: SignedIn;
  let otto: SignedIn;
  let rita: SignedIn;
  let itemId: string;
  let slices: string[];
  // Never polls by itself here: every read is a nudge the test makes.
  let hub: ChangeHub;
  const failures: unknown[] = [];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    ann = await server.signIn('ann', ['annotator']);
    otto = await server.signIn('otto', ['annotator']);
    rita = await server.signIn('rita', ['reviewer']);
    ({ itemId, targetIds: slices } = await server.seedDataset({ assignTo: [ann.user.id, otto.user.id] }));
    hub = new ChangeHub(server.db, 3_600_000, (error) => failures.push(error));
  });
  afterAll(async () => {
    hub.close();
    await server.dispose();
    expect(failures).toEqual([]);
  });

  let writes = 0;
  async function write(who: SignedIn, slice: number): Promise<void> {
    writes += 1;
    const response = await patchBatch(server, who, itemId, `hub-${writes}`, { ops: [put(label(slices[slice] as string, 'sah.present', humanBy(who.user.id)))] });
    expect(response.statusCode, response.body).toBe(200);
  }

  function listener(who: SignedIn) {
    const heard: ChangeNotice[] = [];
    return { heard, subscriber: { user: who.user, notify: (notice: ChangeNotice) => heard.push(notice) } };
  }

  /**
   * On PostgreSQL the feed holds back rows of transactions at or above the oldest one still
   * running anywhere on the server, other test files' schemas included: wait until every write
   * made here is below that horizon, so that a read sees all of them at once.
   */
  async function horizonPassed(): Promise<void> {
    if (dialectOf(server.db) !== 'postgres') return;
    for (;;) {
      const { rows } = await sql<{ passed: boolean }>`select coalesce((select max(txid) from annotation_ops), 0) < pg_snapshot_xmin(pg_current_snapshot())::text::bigint as passed`.execute(server.db);
      if (rows[0]?.passed) return;
      await sleep(20);
    }
  }

  async function read(): Promise<void> {
    await horizonPassed();
    hub.nudge();
    await hub.settled();
  }

  it('tells each subscriber of the documents it follows, once per read', async () => {
    const [annL, ottoL, ritaL] = [listener(ann), listener(otto), listener(rita)];
    const leave = await Promise.all([annL, ottoL, ritaL].map((l) => hub.subscribe(l.subscriber)));
    await write(otto, 0);
    await write(otto, 1);
    await read();
    expect(annL.heard).toEqual([]);
    expect(ottoL.heard).toHaveLength(1);
    expect(ottoL.heard[0]?.itemIds).toEqual([itemId]);
    expect(ritaL.heard).toEqual(ottoL.heard);
    await read();
    expect(ottoL.heard).toHaveLength(1);
    for (const { leave: off } of leave) off();
  });

  it('starts a new first subscriber after the newest change, not at what was written while nobody listened', async () => {
    await write(ann, 2);
    await horizonPassed();
    const annL = listener(ann);
    const { leave } = await hub.subscribe(annL.subscriber);
    await read();
    expect(annL.heard).toEqual([]);
    await write(ann, 3);
    await read();
    expect(annL.heard).toHaveLength(1);
    leave();
    await write(ann, 4);
    await read();
    expect(annL.heard).toHaveLength(1);
  });

  it('says per notice what it follows on and which revisions of which documents it covers', async () => {
    const ottoL = listener(otto);
    const { position, leave } = await hub.subscribe(ottoL.subscriber);
    const before = (await server.db.selectFrom('annotation_docs').select('revision').where('item_id', '=', itemId).where('annotator_id', '=', otto.user.id).executeTakeFirstOrThrow()).revision;
    await write(otto, 2);
    await write(otto, 3);
    await read();
    await write(ann, 5);
    await read();
    await write(otto, 4);
    await read();
    const from = Number(before) + 1;
    expect(ottoL.heard).toEqual([
      { checkpoint: expect.any(String), after: position, itemIds: [itemId], documents: [{ itemId, annotatorId: otto.user.id, fromRevision: from, toRevision: from + 1 }] },
      { checkpoint: expect.any(String), after: ottoL.heard[0]?.checkpoint, itemIds: [itemId], documents: [{ itemId, annotatorId: otto.user.id, fromRevision: from + 2, toRevision: from + 2 }] },
    ]);
    leave();
  });
});
