import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignResult, ItemPage } from '../../../src/core/api';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

describe.each(testDialects('multi-reader assignment'))('multi-reader assignment on %s', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let readers: SignedIn[];
  let datasetId: string;
  let itemIds: string[];

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('admin', ['admin']);
    readers = [];
    for (const name of ['ann', 'bob', 'cho', 'dai']) readers.push(await server.signIn(name, ['annotator']));
    const seeded = await server.seedDataset();
    datasetId = seeded.datasetId;
    // Eleven more items, listed after the phantom series (sort keys z…), enough to see a rotation.
    const at = server.now().toISOString();
    const extra = Array.from({ length: 11 }, (_, i) => ({
      id: randomUUID(),
      dataset_id: datasetId,
      title: `case ${i}`,
      kind: 'series',
      content: '{}',
      target_ids: '[]',
      target_count: 0,
      source_key: null,
      sort_key: `z${String(i).padStart(2, '0')}`,
      created_at: at,
      updated_at: at,
    }));
    await server.db.insertInto('items').values(extra).execute();
    itemIds = [seeded.itemId, ...extra.map((item) => item.id)];
  });
  afterAll(async () => server.dispose());

  const assign = (payload: object, by: SignedIn = admin) =>
    server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/assignments`, headers: by.auth, payload });
  const readersOf = async () => {
    const rows = await server.db.selectFrom('assignments').select(['item_id', 'user_id']).execute();
    const byItem = new Map<string, string[]>();
    for (const row of rows) byItem.set(row.item_id, [...(byItem.get(row.item_id) ?? []), row.user_id]);
    return byItem;
  };

  it('refuses what it cannot do, with a sentence, and assigns nothing', async () => {
    const [ann, bob] = readers as [SignedIn, SignedIn];
    const cases: [object, RegExp][] = [
      [{ readerIds: [] }, /readerIds/],
      [{ readerIds: [ann.user.id], strategy: 'lottery' }, /strategy/],
      [{ readerIds: [ann.user.id, bob.user.id], strategy: 'roundRobin', readersPerItem: 3 }, /3 readers per item needs at least 3 readers; 2 were named/],
      [{ readerIds: [ann.user.id], dueDate: '2026-02-30' }, /due date 2026-02-30 is not a calendar day/],
      [{ readerIds: [ann.user.id], dueDate: 'tomorrow' }, /dueDate/],
      [{ readerIds: [randomUUID()] }, /no user/],
    ];
    for (const [payload, message] of cases) {
      const response = await assign(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json<{ message: string }>().message).toMatch(message);
    }
    expect((await assign({ readerIds: [ann.user.id] }, ann)).statusCode).toBe(403);
    expect((await readersOf()).size).toBe(0);
  });

  it('spreads the dataset round-robin over three of four readers, three per item, with a due date', async () => {
    const chosen = readers.slice(0, 3).map((reader) => reader.user.id);
    const result = json<AssignResult>(await assign({ readerIds: chosen, strategy: 'roundRobin', readersPerItem: 3, dueDate: '2026-12-24' }));
    expect(result.assigned).toBe(36);
    expect(result.readers).toEqual(chosen.map((userId) => ({ userId, assigned: 12 })));
    for (const ids of (await readersOf()).values()) expect(new Set(ids).size).toBe(3);

    const page = json<ItemPage>(await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/items?limit=100`, headers: readers[0]!.auth }));
    expect(page.items).toHaveLength(12);
    expect(new Set(page.items.map((item) => item.dueDate))).toEqual(new Set(['2026-12-24']));
    // Asked again, nothing is missing.
    expect(json<AssignResult>(await assign({ readerIds: chosen, strategy: 'roundRobin', readersPerItem: 3 })).assigned).toBe(0);
  });

  it('adds a fourth reader to the least-loaded first when balancing, and sets due dates by hand', async () => {
    const dai = readers[3]!;
    const everyone = readers.map((reader) => reader.user.id);
    // Every item has 3 readers already: asking for 4 gives each item the one reader it lacks.
    const result = json<AssignResult>(await assign({ readerIds: everyone, strategy: 'balanced', readersPerItem: 4 }));
    expect(result.readers).toEqual(everyone.map((userId) => ({ userId, assigned: userId === dai.user.id ? 12 : 0 })));
    // By hand: two named items get a new due date for the reader named.
    const twoItems = itemIds.slice(0, 2);
    expect(json<AssignResult>(await assign({ readerIds: [dai.user.id], itemIds: twoItems, dueDate: '2027-01-05' })).assigned).toBe(0);
    const page = json<ItemPage>(await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/items?limit=100`, headers: dai.auth }));
    const due = new Map(page.items.map((item) => [item.id, item.dueDate]));
    expect(twoItems.map((id) => due.get(id))).toEqual(['2027-01-05', '2027-01-05']);
    expect(due.get(itemIds[2]!)).toBeNull();
  });

  it('balances by each reader’s open work across datasets', async () => {
    const other = await server.seedDataset({ assignTo: [readers[0]!.user.id] });
    const [ann, bob] = readers as [SignedIn, SignedIn];
    const at = server.now().toISOString();
    const moreItems = Array.from({ length: 3 }, (_, i) => ({
      id: randomUUID(), dataset_id: other.datasetId, title: `more ${i}`, kind: 'series', content: '{}', target_ids: '[]', target_count: 0,
      source_key: null, sort_key: `m${i}`, created_at: at, updated_at: at,
    }));
    await server.db.insertInto('items').values(moreItems).execute();
    // ann holds 12 + 1 open items, bob 12: the three new ones go to bob alone until he is level.
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/datasets/${other.datasetId}/assignments`,
      headers: admin.auth,
      payload: { readerIds: [ann.user.id, bob.user.id], strategy: 'balanced', readersPerItem: 1, itemIds: moreItems.map((item) => item.id) },
    });
    expect(json<AssignResult>(response).readers).toEqual([
      { userId: ann.user.id, assigned: 1 },
      { userId: bob.user.id, assigned: 2 },
    ]);
  });
});
