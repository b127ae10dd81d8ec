import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, LabelSetSaved } from '../../../src/core/api';
import type { LabelSet } from '../../../src/core/labelSet';
import { FUNDUS_GRADING_LABEL_SET } from '../../../src/core/labelSets/builtin';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';

/** A two-question fundus set as another installation exported it. */
const COPIED: LabelSet = {
  id: 'fundus-two',
  version: 3,
  name: { en: 'Fundus: DR and glaucoma', ja: '眼底：網膜症と緑内障' },
  questions: [FUNDUS_GRADING_LABEL_SET.questions[1]!, FUNDUS_GRADING_LABEL_SET.questions[3]!],
};

describe.each(testDialects('label set exchange'))('label set export, import and new versions over HTTP (%s)', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let ann: SignedIn;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('admin', ['admin']);
    ann = await server.signIn('ann', ['annotator', 'wgLead']);
  });
  afterAll(async () => server.dispose());

  const post = (url: string, payload: unknown, who: SignedIn = admin) =>
    server.app.inject({ method: 'POST', url, headers: { ...who.auth, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
  const get = (url: string, who: SignedIn = admin) => server.app.inject({ method: 'GET', url, headers: who.auth });

  it('exports a built-in set as a JSON file with its id and version', async () => {
    const response = await get('/api/label-sets/fundus-grading/2/export');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="label-set-fundus-grading-v2.json"');
    expect(json<LabelSet>(response)).toEqual(FUNDUS_GRADING_LABEL_SET);
    expect((await get('/api/label-sets/fundus-grading/9/export')).statusCode).toBe(404);
    expect((await get('/api/label-sets/fundus-grading/2/export', ann)).statusCode).toBe(403);
  });

  it('imports a copied set keeping its id and version, again idempotently, and audits it once', async () => {
    const first = await post('/api/label-sets/import', COPIED);
    expect(first.statusCode).toBe(201);
    expect(json<LabelSetSaved>(first)).toEqual({ status: 'created', id: 'fundus-two', version: 3 });
    const again = await post('/api/label-sets/import', structuredClone(COPIED));
    expect(again.statusCode).toBe(200);
    expect(json<LabelSetSaved>(again)).toEqual({ status: 'unchanged', id: 'fundus-two', version: 3 });
    expect(json<LabelSet>(await get('/api/label-sets/fundus-two/3', ann))).toEqual(COPIED);

    const audit = json<AuditEntry[]>(await get('/api/audit?entity=fundus-two@3'));
    expect(audit.map((e) => [e.action, e.userId])).toEqual([['labelSet.import', admin.user.id]]);
  });

  it('refuses a different body under a stored id and version, naming the next free version', async () => {
    const renamed = { ...COPIED, name: { en: 'Other', ja: '別' } };
    const response = await post('/api/label-sets/import', renamed);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      error: 'label_set_version_taken',
      message: 'label set fundus-two version 3 is stored here with a different content; a version never changes, so give the imported set a new version (next free: 4)',
    });
  });

  it('refuses an invalid set with every reason: a key clash and a duplicate code', async () => {
    const lesion = { id: 'lesion', name: { en: 'Lesion', ja: '病変' }, target: 'region', kind: 'single', required: false, classes: [{ code: 'x', name: { en: 'x', ja: 'x' }, color: '#000000', key: '1' }] };
    const grades = COPIED.questions[0]!;
    const dr = { ...grades, classes: grades.classes.map((c, i) => (i === 1 ? { ...c, code: 'dr.0' } : c)) };
    const response = await post('/api/label-sets/import', { ...COPIED, id: 'bad-set', questions: [dr, COPIED.questions[1], lesion] });
    expect(response.statusCode).toBe(400);
    const { message } = response.json<{ message: string }>();
    expect(message).toContain('questions[0].classes[1].code: duplicate class code "dr.0"');
    expect(message).toContain('questions[2].classes[0].key: key "1" of class "x" (question "lesion") clashes with class "dr.0" of question "dr"');
    expect((await get('/api/label-sets/bad-set/3')).statusCode).toBe(404);
  });

  it('saves a set from the editor as the next version of its id, whatever version it carried', async () => {
    const response = await post('/api/label-sets', { ...COPIED, version: 1, name: { en: 'Fundus v4', ja: '眼底 v4' } });
    expect(response.statusCode).toBe(201);
    expect(json<LabelSetSaved>(response)).toEqual({ status: 'created', id: 'fundus-two', version: 4 });
    const fresh = json<LabelSetSaved>(await post('/api/label-sets', { ...COPIED, id: 'brand-new', version: 7 }));
    expect(fresh).toEqual({ status: 'created', id: 'brand-new', version: 1 });
    const versions = json<LabelSet[]>(await get('/api/label-sets', ann)).filter((s) => s.id === 'fundus-two').map((s) => s.version);
    expect(versions).toEqual([3, 4]);
  });

  it('lets only admins import or save', async () => {
    expect((await post('/api/label-sets/import', COPIED, ann)).statusCode).toBe(403);
    expect((await post('/api/label-sets', COPIED, ann)).statusCode).toBe(403);
  });
});
