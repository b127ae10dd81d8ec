/**
 * The published JSON Schema and the validator describe one shape: every built-in set passes both,
 * and every malformed example is refused by both. Rules across classes and questions (duplicate
 * codes and keys, live key clashes, rising grade keys) are beyond JSON Schema: the validator alone
 * refuses them, and this test says so example by example.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { validateLabelSet } from '../validate';
import { BUILTIN_LABEL_SETS, SAH_SLICE_LABEL_SET } from './builtin';

const schemaPath = fileURLToPath(new URL('../../../public/schemas/label-set.schema.json', import.meta.url));
const schema: unknown = JSON.parse(readFileSync(schemaPath, 'utf8'));
const schemaAccepts = new Ajv2020({ strict: true, allErrors: true }).compile(schema as object);

/** A mutable copy of the SAH set, broken in one place by `change`. `any`: examples write wrong values anywhere. */
function broken(change: (set: Record<string, any>) => void): unknown {
  const set = structuredClone(SAH_SLICE_LABEL_SET) as Record<string, any>;
  change(set);
  return set;
}

const malformed: readonly (readonly [string, unknown])[] = [
  ['not an object', 'sah'],
  ['no questions', broken((s) => (s.questions = []))],
  ['id with a space', broken((s) => (s.id = 'My set'))],
  ['version 0', broken((s) => (s.version = 0))],
  ['fractional version', broken((s) => (s.version = 1.5))],
  ['unknown property', broken((s) => (s.colour = 'red'))],
  ['blank Japanese name', broken((s) => (s.name.ja = ' '))],
  ['missing English class name', broken((s) => delete s.questions[0].classes[0].name.en)],
  ['bad colour', broken((s) => (s.questions[0].classes[0].color = '#fff'))],
  ['two-character key', broken((s) => (s.questions[0].classes[0].key = 'F1'))],
  ['unknown target', broken((s) => (s.questions[0].target = 'voxel'))],
  ['unknown kind', broken((s) => (s.questions[0].kind = 'some'))],
  ['required not boolean', broken((s) => (s.questions[0].required = 'yes'))],
  ['question id with a colon', broken((s) => (s.questions[0].id = 'a:b'))],
  ['no classes', broken((s) => (s.questions[0].classes = []))],
  ['multiple-choice region', broken((s) => Object.assign(s.questions[0], { target: 'region', kind: 'multiple', itemAnswer: undefined }))],
  ['one-grade scale', broken((s) => Object.assign(s.questions[0], { kind: 'grade', classes: [s.questions[0].classes[0]], itemAnswer: undefined }))],
  ['coding without meaning', broken((s) => (s.questions[0].classes[0].coding = { scheme: 'SCT', code: '1' }))],
  ['itemAnswer of unknown kind', broken((s) => (s.questions[0].itemAnswer.kind = 'majority'))],
];

const validatorOnly: readonly (readonly [string, unknown])[] = [
  ['duplicate class code', broken((s) => (s.questions[0].classes[1].code = 'sah.present'))],
  ['duplicate key in a question', broken((s) => (s.questions[0].classes[1].key = '1'))],
  ['duplicate standard code', broken((s) => (s.questions[0].classes[1].coding = s.questions[0].classes[0].coding))],
  ['grade keys falling', broken((s) => Object.assign(s.questions[0], { kind: 'grade', itemAnswer: undefined, classes: s.questions[0].classes.toReversed() }))],
  ['priority naming an unknown class', broken((s) => (s.questions[0].itemAnswer.priority = ['sah.maybe']))],
  [
    'region key clashing with a slice key',
    broken((s) => s.questions.push({ id: 'outline', name: { en: 'o', ja: 'o' }, target: 'region', kind: 'single', required: false, classes: [{ code: 'x', name: { en: 'x', ja: 'x' }, color: '#000000', key: '1' }] })),
  ],
];

describe('label set JSON Schema', () => {
  it('is draft 2020-12 with the path the app serves it at', () => {
    expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: expect.stringMatching(/\/schemas\/label-set\.schema\.json$/) });
  });

  it.each(BUILTIN_LABEL_SETS.map((s) => [s.id, s] as const))('built-in %s round-trips: JSON text, schema and validator', (_id, set) => {
    const copied: unknown = JSON.parse(JSON.stringify(set));
    expect(schemaAccepts(copied), JSON.stringify(schemaAccepts.errors)).toBe(true);
    expect(validateLabelSet(copied)).toEqual({ ok: true, value: set });
  });

  it.each(malformed)('schema and validator both refuse: %s', (_name, example) => {
    expect(schemaAccepts(example)).toBe(false);
    expect(validateLabelSet(example).ok).toBe(false);
  });

  it.each(validatorOnly)('validator refuses what the schema cannot express: %s', (_name, example) => {
    expect(schemaAccepts(example)).toBe(true);
    expect(validateLabelSet(example).ok).toBe(false);
  });
});
