/**
 * PostgreSQL only (SQLite writers are serial): documents write in parallel, and the change feed
 * never hands out a commit behind a checkpoint it already gave.
 */
import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeFeed } from '../../../src/core/api';
import { ItemTargets } from '../../../src/core/targets';
import { lockDocument } from '../../db/dialect';
import type { Database } from '../../db/schema';
import { applyBatch } from '../../services/annotations/applyBatch';
import { preparedOp } from '../../services/annotations/batchInput';
import { itemFromRow } from '../../services/items';
import { humanBy, label, patchBatch, put } from '../../testing/documents';
import { pgTestUrl } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

if (!pgTestUrl()) console.warn('PostgreSQL run of "concurrent documents" did not run: set MEJIRUSHI_TEST_PG_URL=postgres://… to run it.');

describe.skipIf(!pgTestUrl())('concurrent documents on postgres', () => {
  let server: TestServer;
  let ann: SignedIn;
  let other: SignedIn;
  let reviewer: SignedIn;
  let itemId: string;
  let slices: string[];
  let targets: ItemTargets;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    ann = await server.signIn('ann', ['annotator']);
    other = await server.signIn('otto', ['annotator']);
    reviewer = await server.signIn('rita', ['reviewer']);
    ({ itemId, targetIds: slices } = await server.seedDataset({ assignTo: [ann.user.id, other.user.id] }));
    targets = new ItemTargets(itemFromRow(await server.db.selectFrom('items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow()));
  });
  afterAll(async () => server.dispose());

  const feed = async (since: string) =>
    json<ChangeFeed>(await server.app.inject({ method: 'GET', url: `/api/changes?since=${since}`, headers: reviewer.auth }));

  /** Runs `during` inside an open write transaction of ann's document that has already taken its op seq. */
  async function whileAnnWrites(slice: number, during: (trx: Transaction<Database>) => Promise<void>): Promise<void> {
    await server.db.transaction().execute(async (trx) => {
      await lockDocument(trx, itemId, ann.user.id);
      const ops = [preparedOp(put(label(slices[slice]!, 'sah.present', humanBy(ann.user.id))))];
      const outcome = await applyBatch(trx, { itemId, userId: ann.user.id, opId: `held-${slice}`, ops, targets }, server.now().toISOString());
      expect(outcome.status).toBe(200);
      await during(trx);
    });
  }

  it('lets another document commit while one document’s write is held open, and queues writes of the held one', async () => {
    let annDone = false;
    let annWrite: Promise<number> = Promise.resolve(0);
    await whileAnnWrites(0, async () => {
      const otto = await patchBatch(server, other, itemId, 'o-1', { ops: [put(label(slices[0]!, 'sah.absent', humanBy(other.user.id)))] });
      expect(otto.statusCode).toBe(200);
      annWrite = patchBatch(server, ann, itemId, 'a-queued', { ops: [put(label(slices[1]!, 'sah.absent', humanBy(ann.user.id)))] }).then((r) => {
        annDone = true;
        return r.statusCode;
      });
      // Wait, on the server's own lock table, until ann's request is blocked by this transaction.
      for (;;) {
        const blocked = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and cardinality(pg_blocking_pids(pid)) > 0`.execute(server.db);
        if ((blocked.rows[0]?.n ?? 0) > 0) break;
      }
      expect(annDone).toBe(false);
    });
    expect(await annWrite).toBe(200);
  });

  it('holds back a later commit of another document until the earlier writer commits, then hands out both', async () => {
    const start = (await feed('')).checkpoint;
    let seqs: number[] = [];
    await whileAnnWrites(2, async (trx) => {
      const otto = await patchBatch(server, other, itemId, 'o-2', { ops: [put(label(slices[2]!, 'sah.absent', humanBy(other.user.id)), 0)] });
      expect(otto.statusCode).toBe(200);
      // ann's op took its seq first, otto's committed first: the order that skipped changes by seq.
      const rows = await sql<{ seq: number; annotator_id: string }>`select seq, annotator_id from annotation_ops where op_id in ('held-2', 'o-2') order by seq`.execute(trx);
      expect(rows.rows.map((r) => r.annotator_id)).toEqual([ann.user.id, other.user.id]);
      seqs = rows.rows.map((r) => Number(r.seq));
      const held = await feed(start);
      expect(held.changes).toEqual([]);
      expect(held.checkpoint).toBe(start);
    });
    const after = await feed(start);
    expect(after.changes.map((c) => [c.annotatorId, c.record.id])).toEqual([
      [ann.user.id, `label:sah:${slices[2]}`],
      [other.user.id, `label:sah:${slices[2]}`],
    ]);
    expect(seqs).toHaveLength(2);
    expect((await feed(after.checkpoint)).changes).toEqual([]);
  });
});
