import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeFeed, LabelSetMigrationRun, LabelSetMigrationStatus, LabelSetMigrationUndo } from '../../../src/core/api';
import type { LabelSet, Question } from '../../../src/core/labelSet';
import type { LabelSetMapping } from '../../../src/core/labelSets/migrationPlan';
import { applyMigration } from '../../services/labelSetMigration/apply';
import { humanBy, label, patchBatch, put } from '../../testing/documents';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

const cls = (code: string, key: string, en = code) => ({ code, name: { en, ja: en }, color: '#1f77b4', key });
const question = (id: string, kind: Question['kind'], classes: Question['classes']): Question => ({ id, name: { en: id, ja: id }, target: 'slice', kind, required: false, classes });

/** Version 2 renames a (same code), merges b and c into bc, removes d, and merges findings y into x. */
const V1: LabelSet = {
  id: 'migrate-test',
  version: 1,
  name: { en: 'Migrate', ja: '移行' },
  questions: [question('grade', 'single', [cls('a', '1'), cls('b', '2'), cls('c', '3'), cls('d', '4')]), question('findings', 'multiple', [cls('x', '5'), cls('y', '6')])],
};
const V2: LabelSet = {
  ...V1,
  version: 2,
  questions: [question('grade', 'single', [cls('a', '1', 'Ay'), cls('bc', '2')]), question('findings', 'multiple', [cls('x', '5')])],
};
const MAPPING: LabelSetMapping = { grade: { to: 'grade', classes: { a: 'a', b: 'bc', c: 'bc', d: null } }, findings: { to: 'findings', classes: { x: 'x', y: 'x' } } };

describe.each(testDialects('label set migration runs'))('applying and undoing a label-set migration (%s)', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let ann: SignedIn;
  let bob: SignedIn;
  let datasetId: string;
  let itemId: string;
  let slices: string[];

  const route = (path: string, payload?: object) =>
    server.app.inject({ method: payload || path !== '' ? 'POST' : 'GET', url: `/api/datasets/${datasetId}/label-set-migration${path}`, headers: admin.auth, ...(payload ? { payload } : {}) });
  const status = async () => json<LabelSetMigrationStatus>(await server.app.inject({ method: 'GET', url: `/api/datasets/${datasetId}/label-set-migration`, headers: admin.auth }));
  const pinned = async () => (await server.db.selectFrom('datasets').select('label_set_version').where('id', '=', datasetId).executeTakeFirstOrThrow()).label_set_version;
  const records = async (who: SignedIn) => {
    const rows = await server.db
      .selectFrom('annotation_records')
      .select(['record_id', 'version', 'question_id', 'class_code', 'body'])
      .where('item_id', '=', itemId)
      .where('annotator_id', '=', who.user.id)
      .orderBy('record_id')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.record_id.split(':').slice(1).join(':').replace(/:.*\./, '.'), `${(JSON.parse(r.body ?? '{}') as { classCodes: string[] }).classCodes.join('+')}@${Number(r.version)}`]));
  };
  const revision = async (who: SignedIn) =>
    Number((await server.db.selectFrom('annotation_docs').select('revision').where('item_id', '=', itemId).where('annotator_id', '=', who.user.id).executeTakeFirstOrThrow()).revision);
  const audit = (action: string) => server.db.selectFrom('audit_log').select(['detail', 'entity_id']).where('action', '=', action).execute();
  const threads = (status: string) => server.db.selectFrom('comment_threads').select(['annotator_id', 'anchor']).where('item_id', '=', itemId).where('status', '=', status).execute();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('admin', ['admin']);
    ann = await server.signIn('ann', ['annotator']);
    bob = await server.signIn('bob', ['annotator']);
    const seeded = await server.seedDataset({ slices: 6, assignTo: [ann.user.id, bob.user.id], labelSet: V1 });
    ({ datasetId, itemId } = seeded);
    slices = seeded.targetIds;
    expect((await server.app.inject({ method: 'POST', url: '/api/label-sets/import', headers: admin.auth, payload: V2 })).statusCode).toBe(201);
    const grades = (who: SignedIn, codes: readonly string[]) => codes.map((code, i) => put(label(slices[i]!, code, humanBy(who.user.id), 'grade')));
    const findings = (who: SignedIn) => [put({ ...label(slices[0]!, 'x', humanBy(who.user.id), 'findings'), classCodes: ['x', 'y'] }), put(label(slices[1]!, 'y', humanBy(who.user.id), 'findings'))];
    expect((await patchBatch(server, ann, itemId, 'a1', { ops: [...grades(ann, ['a', 'b', 'c', 'd', 'b', 'c']), ...findings(ann)] })).statusCode).toBe(200);
    expect((await patchBatch(server, bob, itemId, 'b1', { ops: grades(bob, ['d', 'b']) })).statusCode).toBe(200);
  });
  afterAll(async () => server.dispose());

  const slice = (i: number) => slices[i]!.split('.').pop()!;
  const before = () => ({
    [`grade.${slice(0)}`]: 'a@1',
    [`grade.${slice(1)}`]: 'b@1',
    [`grade.${slice(2)}`]: 'c@1',
    [`grade.${slice(3)}`]: 'd@1',
    [`grade.${slice(4)}`]: 'b@1',
    [`grade.${slice(5)}`]: 'c@1',
    [`findings.${slice(0)}`]: 'x+y@1',
    [`findings.${slice(1)}`]: 'y@1',
  });

  it('refuses a mapping that would drop records, a move to an older version and a question moved to another id, changing nothing', async () => {
    const dropping = await route('/apply', { toVersion: 2, mapping: { ...MAPPING, grade: { to: 'grade', classes: { a: 'a', b: 'bc', c: 'bc' } } } });
    expect(dropping.statusCode).toBe(400);
    expect(dropping.json().message).toContain('2 records of class "d" (question "grade") would be dropped');
    const moved = await route('/apply', { toVersion: 2, mapping: { ...MAPPING, findings: { to: 'grade', classes: { x: 'a', y: 'a' } } } });
    expect(moved.json().message).toContain('question "findings" cannot become "grade"');
    expect((await route('/apply', { toVersion: 1, mapping: MAPPING })).json().message).toContain('it moves only to a newer one');
    expect(await pinned()).toBe(1);
    expect(await records(ann)).toEqual(before());
    expect(await audit('labelSet.migrate')).toEqual([]);
    expect(await status()).toEqual({ last: null });
  });

  it('rewrites by the mapping a page at a time: renamed classes stay, merged ones take their target, removed ones stay flagged for review', async () => {
    const feedBefore = json<ChangeFeed>(await server.app.inject({ method: 'GET', url: '/api/changes?since=latest', headers: ann.auth })).checkpoint;
    const [annRevision, bobRevision] = [await revision(ann), await revision(bob)];
    const request = { datasetId, from: V1, to: V2, mapping: MAPPING, userId: admin.user.id };
    const run = await server.db.transaction().execute((trx) => applyMigration(trx, request, server.now().toISOString(), { documentsPerPage: 1, recordsPerPage: 2 }));
    expect(run).toMatchObject({ fromVersion: 1, toVersion: 2, recordsRewritten: 7, recordsForReview: 2, documentsFlagged: 2, undoable: true });
    expect(await pinned()).toBe(2);
    expect(await records(ann)).toEqual({
      ...before(),
      [`grade.${slice(1)}`]: 'bc@2',
      [`grade.${slice(2)}`]: 'bc@2',
      [`grade.${slice(4)}`]: 'bc@2',
      [`grade.${slice(5)}`]: 'bc@2',
      [`findings.${slice(0)}`]: 'x@2',
      [`findings.${slice(1)}`]: 'x@2',
    });
    expect(await records(bob)).toEqual({ [`grade.${slice(0)}`]: 'd@1', [`grade.${slice(1)}`]: 'bc@2' });
    // One new revision per document, and the annotator's change feed carries each rewritten record.
    expect([await revision(ann), await revision(bob)]).toEqual([annRevision + 1, bobRevision + 1]);
    const feed = json<ChangeFeed>(await server.app.inject({ method: 'GET', url: `/api/changes?since=${feedBefore}`, headers: ann.auth }));
    expect(feed.changes.map((c) => `${c.record.record?.type === 'label' ? c.record.record.classCodes.join('+') : ''}@${c.record.version}`).sort()).toEqual(['bc@2', 'bc@2', 'bc@2', 'bc@2', 'x@2', 'x@2']);
    // Each document with a removed class has one open thread saying so; one audit row names the mapping and counts.
    expect((await threads('open')).map((t) => [t.annotator_id, JSON.parse(t.anchor)]).sort()).toEqual([[ann.user.id, { kind: 'item' }], [bob.user.id, { kind: 'item' }]].sort());
    const rows = await audit('labelSet.migrate');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.entity_id).toBe(datasetId);
    expect(JSON.parse(rows[0]!.detail)).toMatchObject({ moves: ["grade: b → bc", "grade: c → bc", "grade: d → review", "findings: y → x"], fromVersion: 1, toVersion: 2, mapping: MAPPING, recordsRewritten: 7, recordsForReview: 2 });
    expect((await status()).last).toMatchObject({ id: run.id, undoable: true });
  });

  it('undoes the last run: previous classes back as new versions, the old version pinned, the threads resolved, audited once', async () => {
    const undo = await route('/undo');
    expect(undo.statusCode).toBe(200);
    expect(json<LabelSetMigrationUndo>(undo)).toMatchObject({ labelSetVersion: 1, recordsRestored: 7 });
    expect(await pinned()).toBe(1);
    const restored = Object.fromEntries(Object.entries(before()).map(([key, value]) => [key, value.endsWith('@1') && (value.startsWith('a') || value.startsWith('d')) ? value : value.replace('@1', '@3')]));
    expect(await records(ann)).toEqual(restored);
    expect(await records(bob)).toEqual({ [`grade.${slice(0)}`]: 'd@1', [`grade.${slice(1)}`]: 'b@3' });
    expect(await threads('open')).toEqual([]);
    expect(await audit('labelSet.migrationUndo')).toHaveLength(1);
    expect((await status()).last).toMatchObject({ undoable: false });
    const again = await route('/undo');
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('undone already');
  });

  it('applies through the route, and refuses the undo once a release was made since', async () => {
    const applied = await route('/apply', { toVersion: 2, mapping: MAPPING });
    expect(applied.statusCode).toBe(200);
    expect(json<LabelSetMigrationRun>(applied)).toMatchObject({ recordsRewritten: 7, recordsForReview: 2, undoable: true });
    const reviewer = await server.signIn('rita', ['reviewer']);
    const lead = await server.signIn('lead', ['wgLead']);
    expect((await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/submit`, headers: { ...bob.auth, 'if-match': `"${await revision(bob)}"` } })).statusCode).toBe(200);
    expect((await server.app.inject({ method: 'POST', url: `/api/items/${itemId}/review`, headers: reviewer.auth, payload: { annotatorId: bob.user.id, decision: 'approve' } })).statusCode).toBe(200);
    server.advance(1000);
    expect((await server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/releases`, headers: lead.auth })).statusCode).toBe(201);
    expect((await status()).last).toMatchObject({ undoable: false });
    const undo = await route('/undo');
    expect(undo.statusCode).toBe(409);
    expect(undo.json().message).toContain('undo is allowed only until the next release');
    expect(await pinned()).toBe(2);
  });
});
