/**
 * Who verified a reading or a consensus, read from the assignment's state, the review decisions
 * audited on it and the lead's decisions: the cases the SR route tests do not reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecidedUnit } from '../../../src/core/consensus';
import { testDialects } from '../../testing/testDatabase';
import { startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';
import { writeAudit } from '../audit';
import { consensusVerification, readingApproval } from './verification';

describe.each(testDialects('SR verification'))('SR verification on %s', (dialect) => {
  let server: TestServer;
  let annA: SignedIn;
  let annB: SignedIn;
  let rev1: SignedIn;
  let rev2: SignedIn;
  let itemId: string;

  const setState = (reader: SignedIn, state: string) =>
    server.db.updateTable('assignments').set({ state }).where('item_id', '=', itemId).where('user_id', '=', reader.user.id).execute();
  const review = (reviewer: SignedIn, reader: SignedIn, action: 'item.approve' | 'item.return', at: string) =>
    writeAudit(server.db, { at, userId: reviewer.user.id, action, entity: 'assignment', entityId: `${itemId}/${reader.user.id}` });
  const decision = (decidedBy: string, decidedAt: string, targetKey: string): DecidedUnit => ({ questionId: 'sah', targetKey, decision: { pick: annA.user.id }, version: 1, decidedBy, decidedAt });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    [annA, annB, rev1, rev2] = await Promise.all([
      server.signIn('annA', ['annotator']),
      server.signIn('annB', ['annotator']),
      server.signIn('rev1', ['reviewer']),
      server.signIn('rev2', ['reviewer']),
    ]);
    itemId = (await server.seedDataset({ assignTo: [annA.user.id, annB.user.id] })).itemId;
  });
  afterAll(() => server.dispose());

  it('names the reviewer of the latest approval while the reading stands approved, nobody once it is returned or reopened', async () => {
    await setState(annA, 'approved');
    await review(rev1, annA, 'item.approve', '2026-01-10T08:00:00.000Z');
    expect(await readingApproval(server.db, itemId, annA.user.id)).toEqual({ userId: rev1.user.id, at: '2026-01-10T08:00:00.000Z' });
    await review(rev2, annA, 'item.return', '2026-01-11T08:00:00.000Z');
    await setState(annA, 'returned');
    expect(await readingApproval(server.db, itemId, annA.user.id)).toBeNull();
    await review(rev2, annA, 'item.approve', '2026-01-12T08:00:00.000Z');
    await setState(annA, 'approved');
    expect(await readingApproval(server.db, itemId, annA.user.id)).toEqual({ userId: rev2.user.id, at: '2026-01-12T08:00:00.000Z' });
    await setState(annA, 'assigned');
    expect(await readingApproval(server.db, itemId, annA.user.id)).toBeNull();
    await setState(annA, 'approved');
  });

  it('verifies a settled consensus by each lead who decided, once, at their latest decision, earliest first', async () => {
    const decisions = [decision('lead2', '2026-01-13T00:00:00.000Z', 's1'), decision('lead1', '2026-01-12T00:00:00.000Z', 's2'), decision('lead2', '2026-01-14T00:00:00.000Z', 's3')];
    expect(await consensusVerification(server.db, itemId, [annA.user.id, annB.user.id], decisions)).toEqual([
      { userId: 'lead1', at: '2026-01-12T00:00:00.000Z' },
      { userId: 'lead2', at: '2026-01-14T00:00:00.000Z' },
    ]);
  });

  it('verifies a consensus with nothing to settle by the reviewers of its readings, only once every reading is approved', async () => {
    // annA stands approved by rev2 (above); annB is only submitted.
    await setState(annB, 'submitted');
    expect(await consensusVerification(server.db, itemId, [annA.user.id, annB.user.id], [])).toEqual([]);
    await review(rev1, annB, 'item.approve', '2026-01-15T08:00:00.000Z');
    await setState(annB, 'approved');
    expect(await consensusVerification(server.db, itemId, [annA.user.id, annB.user.id], [])).toEqual([
      { userId: rev2.user.id, at: '2026-01-12T08:00:00.000Z' },
      { userId: rev1.user.id, at: '2026-01-15T08:00:00.000Z' },
    ]);
  });
});
