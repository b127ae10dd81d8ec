import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabelSet, Question } from '../../../src/core/labelSet';
import { humanBy, label, patchBatch, put } from '../../testing/documents';
import { testDialects } from '../../testing/testDatabase';
import { json, startTestServer, type SignedIn, type TestServer } from '../../testing/testServer';
import type { MigrationPlanAnswer } from '../../../src/core/api';

const cls = (code: string, key: string) => ({ code, name: { en: code, ja: code }, color: '#1f77b4', key });
const question = (id: string, kind: Question['kind'], codes: readonly string[]): Question => ({
  id,
  name: { en: id, ja: id },
  target: 'slice',
  kind,
  required: false,
  classes: codes.map((code, i) => cls(code, String(i + 1))),
});

/** Version 1: a grade a–c and multiple-choice findings x, y; version 2 renames b (same code), drops c and the findings. */
const V1: LabelSet = { id: 'pair-test', version: 1, name: { en: 'Pair', ja: 'ペア' }, questions: [question('grade', 'single', ['a', 'b', 'c']), question('findings', 'multiple', ['x', 'y'])] };
const V2: LabelSet = {
  ...V1,
  version: 2,
  questions: [{ ...V1.questions[0]!, classes: [cls('a', '1'), { ...cls('b', '2'), name: { en: 'Bee', ja: 'ビー' } }] }],
};

describe.each(testDialects('label set migration plan'))('planning a dataset move to a newer label set version (%s)', (dialect) => {
  let server: TestServer;
  let admin: SignedIn;
  let datasetId: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    admin = await server.signIn('admin', ['admin']);
    const ann = await server.signIn('ann', ['annotator']);
    const seeded = await server.seedDataset({ slices: 6, assignTo: [ann.user.id], labelSet: V1 });
    datasetId = seeded.datasetId;
    await server.app.inject({ method: 'POST', url: '/api/label-sets/import', headers: admin.auth, payload: V2 });
    const by = humanBy(ann.user.id);
    const [s0, s1, s2, s3] = seeded.targetIds;
    const findings = { ...label(s0!, 'x', by, 'findings'), classCodes: ['x', 'y'] };
    const ops = [put(label(s0!, 'a', by, 'grade')), put(label(s1!, 'b', by, 'grade')), put(label(s2!, 'b', by, 'grade')), put(label(s3!, 'c', by, 'grade')), put(findings)];
    expect((await patchBatch(server, ann, seeded.itemId, 'p1', { ops })).statusCode).toBe(200);
  });
  afterAll(async () => server.dispose());

  const plan = (payload: object) =>
    server.app.inject({ method: 'POST', url: `/api/datasets/${datasetId}/label-set-migration/plan`, headers: admin.auth, payload });

  it('counts the records per class (every class of a multiple-choice record) and refuses the proposed mapping, which would drop some', async () => {
    const response = await plan({ toVersion: 2 });
    expect(response.statusCode).toBe(200);
    const answer = json<MigrationPlanAnswer>(response);
    expect(answer.mapping).toEqual({ grade: { to: 'grade', classes: { a: 'a', b: 'b', c: null } } });
    expect(answer.counts.map((c) => `${c.questionId}:${c.classCode}=${c.records}`).sort()).toEqual(['findings:x=1', 'findings:y=1', 'grade:a=1', 'grade:b=2', 'grade:c=1']);
    expect(answer.plan).toBeNull();
    expect(answer.refusals).toEqual(['2 records of question "findings" would be dropped: map the question to one of version 2']);
  });

  it('refuses two questions onto one naming each dropped class; a full mapping counts each change, a removed class going to review', async () => {
    const answer = json<MigrationPlanAnswer>(await plan({ toVersion: 2, mapping: { grade: { to: 'grade', classes: { a: 'a', b: 'b', c: null } }, findings: { to: 'grade', classes: {} } } }));
    expect(answer.refusals).toEqual([
      'questions "grade" and "findings" both go to "grade": one target would carry two answers',
      '1 records of class "x" (question "findings") would be dropped: map the class or send its records to review',
      '1 records of class "y" (question "findings") would be dropped: map the class or send its records to review',
    ]);
    const grades = json<MigrationPlanAnswer>(await plan({ toVersion: 1, mapping: { grade: { to: 'grade', classes: { a: 'a', b: 'b', c: null } }, findings: { to: 'findings', classes: { x: 'x', y: 'y' } } } }));
    expect(grades.plan?.changes.map((c) => `${c.kind} ${c.records} ${c.fromCode}`)).toEqual(['same 1 a', 'same 2 b', 'review 1 c', 'same 1 x', 'same 1 y']);
  });

  it('answers 404 for an unknown dataset and 400 for an unknown version', async () => {
    expect((await server.app.inject({ method: 'POST', url: '/api/datasets/nope/label-set-migration/plan', headers: admin.auth, payload: { toVersion: 2 } })).statusCode).toBe(404);
    expect((await plan({ toVersion: 9 })).statusCode).toBe(400);
  });
});
