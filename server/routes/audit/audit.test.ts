import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditChainVerdict, AuditEntry, BatchResult } from '../../../src/core/api';
import { writeAudit } from '../../services/audit';
import { humanBy, label, patchBatch, put } from '../../testing/documents';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';
import { testDialects } from '../../testing/testDatabase';

describe.each(testDialects('audit routes'))('audit routes (%s)', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let ann: SignedIn;

  beforeEach(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('admin', ['admin']);
    ann = await server.signIn('ann', ['annotator']);
  });
  afterEach(async () => server.dispose());

  const get = (url: string, who: SignedIn = admin) => server.app.inject({ method: 'GET', url, headers: who.auth });
  const list = async (query: string) => json<AuditEntry[]>(await get(`/api/audit?${query}`));

  it('answers 403 to anyone but an admin', async () => {
    expect((await get('/api/audit', ann)).statusCode).toBe(403);
    expect((await get('/api/audit/verify', ann)).statusCode).toBe(403);
  });

  it('filters by user, entity, action prefix and time, pages back with before, and names the user', async () => {
    const write = (n: number, userId: string, action: string, entityId: string) =>
      writeAudit(server.db, { at: new Date(Date.UTC(2026, 1, 1, 10, n)).toISOString(), userId, action, entity: 'item', entityId, revision: n, detail: { n } });
    for (let n = 0; n < 6; n += 1) await write(n, n % 2 === 0 ? ann.user.id : admin.user.id, n < 3 ? 'annotation.batch' : 'item.submit', `item-${n % 2}`);

    // ann's sign-in is audited too; entity narrows to the writes above.
    const byAnn = await list(`user=${ann.user.id}&entity=item-0`);
    expect(byAnn.map((e) => e.detail)).toEqual([{ n: 4 }, { n: 2 }, { n: 0 }]);
    expect(byAnn[0]).toMatchObject({ userId: ann.user.id, userName: 'ann', action: 'item.submit', entity: 'item', entityId: 'item-0', revision: 4 });
    expect((await list('entity=item-1&action=item.')).map((e) => e.revision)).toEqual([5, 3]);
    expect((await list('action=annotation&from=2026-02-01T10:01:00Z&to=2026-02-01T10:02:00.000Z')).map((e) => e.revision)).toEqual([2, 1]);

    const first = await list(`user=${ann.user.id}&entity=item-0&limit=2`);
    expect(first.map((e) => e.revision)).toEqual([4, 2]);
    expect((await list(`user=${ann.user.id}&entity=item-0&limit=2&before=${first[1]?.seq}`)).map((e) => e.revision)).toEqual([0]);
  });

  it('finds an item’s rows by its id: its import, its readers’ writes (named by document) and submits (named by assignment)', async () => {
    const { itemId, targetIds } = await server.seedDataset({ name: 'audited', assignTo: [ann.user.id] });
    const other = await server.seedDataset({ name: 'other', assignTo: [ann.user.id] });
    const batch = await patchBatch(server, ann, itemId, 'audited-1', { ops: [put(label(targetIds[0]!, 'sah.absent', humanBy(ann.user.id)))] });
    expect(batch.statusCode).toBe(200);
    expect((await patchBatch(server, ann, other.itemId, 'other-1', { ops: [put(label(other.targetIds[0]!, 'sah.absent', humanBy(ann.user.id)))] })).statusCode).toBe(200);
    const { revision } = json<BatchResult>(batch);
    expect((await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/submit`, headers: { ...ann.auth, 'if-match': `"${revision}"` } })).statusCode).toBe(200);

    const entries = await list(`entity=${itemId}`);
    expect(entries.map((e) => [e.action, e.entity])).toEqual([
      ['item.submit', 'assignment'],
      ['annotation.batch', 'annotation_doc'],
      ['item.import', 'item'],
    ]);
    expect(entries.map((e) => e.detail)).not.toContainEqual(expect.objectContaining({ itemId: other.itemId }));
  });

  it('answers 400 with a sentence to bad filters', async () => {
    for (const [query, message] of [
      ['from=yesterday', /from must be an ISO date or time/],
      ['to=2026-13-45', /to must be an ISO date or time/],
      ['from=2026-02-02&to=2026-02-01', /from must not be after to/],
      ['action=%25drop', /action must be the start of an action name/],
      ['user=a%20b', /user must be a user id/],
      ['entity=', /entity must be an entity id/],
    ] as const) {
      const response = await get(`/api/audit?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(json<{ message: string }>(response).message, query).toMatch(message);
    }
  });

  it('seals the rows of a changing request once it is answered, without a check', async () => {
    const created = await server.app.inject({ method: 'POST', url: '/api/users', headers: admin.auth, payload: { username: 'mika', displayName: 'Mika', roles: ['annotator'] } });
    expect(created.statusCode).toBe(201);
    await server.app.ctx.auditSealer.idle();
    const unsealed = await server.db.selectFrom('audit_log').select('seq').where('chain_index', 'is', null).execute();
    expect(unsealed).toEqual([]);
  });

  it('seals changing requests and verifies the chain; a tampered row shows as a break', async () => {
    const created = await server.app.inject({ method: 'POST', url: '/api/users', headers: admin.auth, payload: { username: 'kenji', displayName: 'Kenji', roles: ['annotator'] } });
    expect(created.statusCode).toBe(201);
    const intact = json<AuditChainVerdict>(await get('/api/audit/verify'));
    expect(intact.ok).toBe(true);
    expect(intact.checked).toBeGreaterThanOrEqual(3);
    await server.db.updateTable('audit_log').set({ entity_id: 'someone-else' }).where('action', '=', 'user.create').where('user_id', '=', admin.user.id).execute();
    expect(json<AuditChainVerdict>(await get('/api/audit/verify'))).toMatchObject({ ok: false, break: { kind: 'edited' } });
  });
});
