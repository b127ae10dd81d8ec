import { describe, expect, it } from 'vitest';
import { SAH_SLICE_LABEL_SET } from '../labelSets/builtin';
import { ENDOSCOPY_LABEL_SET, question, TEST_LABEL_SET } from '../testing/records';
import { validateLabelSet } from './labelSet';

/** A deep, mutable copy of the SAH set to break in one place per test. `any`: tests write wrong values anywhere. */
function sah(): Record<string, any> {
  return structuredClone(SAH_SLICE_LABEL_SET) as Record<string, any>;
}

/** The first question of a mutable set. */
const q0 = (set: Record<string, any>): Record<string, any> => set.questions[0];

function errorsOf(x: unknown): string[] {
  const r = validateLabelSet(x);
  return r.ok ? [] : r.errors;
}

describe('validateLabelSet', () => {
  it.each([
    ['SAH', SAH_SLICE_LABEL_SET],
    ['test', TEST_LABEL_SET],
    ['endoscopy', ENDOSCOPY_LABEL_SET],
  ])('accepts the %s set and returns it', (_name, set) => {
    expect(validateLabelSet(set)).toEqual({ ok: true, value: set });
  });

  it('accepts a question without itemAnswer, keys or codings', () => {
    const set = sah();
    set.questions = [question('outline', 'region', 'single', ['a'], { keys: [undefined] })];
    expect(validateLabelSet(set).ok).toBe(true);
  });

  it.each([[null], [42], ['set'], [[]], [undefined]])('refuses a non-object %j', (x) => {
    expect(errorsOf(x)).toEqual([expect.stringMatching(/^\(root\): expected an object/)]);
  });

  it('needs at least one question, each id unique and usable in a record id', () => {
    const set = sah();
    set.questions = [];
    expect(errorsOf(set)).toEqual(['questions: a label set needs at least one question']);
    set.questions = [question('sah', 'slice', 'single', ['a']), question('sah', 'frame', 'single', ['b']), question('Bad:id', 'frame', 'single', ['c'])];
    expect(errorsOf(set)).toEqual([
      'questions[1].id: duplicate question id "sah"',
      'questions[2].id: expected lower-case letters, digits, ".", "_" or "-" (at most 64), got "Bad:id"',
    ]);
  });

  it('class codes and keys are unique per question, but may repeat across questions', () => {
    const set = sah();
    set.questions = [question('a', 'frame', 'single', ['x', 'y']), question('b', 'frame', 'single', ['x', 'y'])];
    expect(errorsOf(set)).toEqual([]);
    set.questions[1].classes[1].code = 'x';
    set.questions[1].classes[1].key = '1';
    expect(errorsOf(set)).toEqual(['questions[1].classes[1].code: duplicate class code "x"', 'questions[1].classes[1].key: key "1" is already used by class "x"']);
  });

  it('refuses duplicate keys inside a question, case-blind, naming the class that owns the key', () => {
    const set = sah();
    q0(set).classes[1].key = '1';
    expect(errorsOf(set)).toEqual(['questions[0].classes[1].key: key "1" is already used by class "sah.present"']);
    const letters = sah();
    q0(letters).classes[0].key = 'a';
    q0(letters).classes[1].key = 'A';
    expect(errorsOf(letters)).toEqual(['questions[0].classes[1].key: key "A" is already used by class "sah.present"']);
  });

  it('refuses a region key that clashes with another question’s key, naming both keys and questions', () => {
    const set = sah();
    set.questions = [question('mayo', 'frame', 'grade', ['mayo.0', 'mayo.1']), question('lesion', 'region', 'single', ['ulcer', 'polyp'], { keys: ['u', '1'] })];
    expect(errorsOf(set)).toEqual([
      'questions[1].classes[1].key: key "1" of class "polyp" (question "lesion") clashes with class "mayo.0" of question "mayo": region keys are live while every other question is answered',
    ]);
    set.questions.push(question('organ', 'region', 'single', ['liver'], { keys: ['U'] }));
    set.questions[1].classes[1].key = 'p';
    expect(errorsOf(set)).toEqual([
      'questions[2].classes[0].key: key "U" of class "liver" (question "organ") clashes with class "ulcer" of question "lesion": region keys are live while every other question is answered',
    ]);
  });

  it('refuses two classes of one question with the same standard code, and accepts it across schemes', () => {
    const set = sah();
    q0(set).classes[2].coding = { scheme: 'SCT', code: '21454007', meaning: 'again' };
    expect(errorsOf(set)).toEqual(['questions[0].classes[2].coding.code: code SCT 21454007 is already used by class "sah.present"']);
    q0(set).classes[2].coding.scheme = 'RADLEX';
    expect(errorsOf(set)).toEqual([]);
  });

  it('refuses grade keys that do not rise with the scale', () => {
    const set = sah();
    set.questions = [question('mayo', 'frame', 'grade', ['mayo.0', 'mayo.1', 'mayo.2'], { keys: ['0', '2', '1'] })];
    expect(errorsOf(set)).toEqual(['questions[0].classes[2].key: grade keys must rise with the scale: key "1" follows key "2"']);
    set.questions = [question('mayo', 'frame', 'grade', ['mayo.0', 'mayo.1'], { keys: ['a', 'b'] })];
    expect(errorsOf(set)).toEqual([]);
  });

  it('refuses keys that are not one character', () => {
    const set = sah();
    q0(set).classes[0].key = 'F1';
    expect(errorsOf(set)).toEqual(['questions[0].classes[0].key: expected a single character, got "F1"']);
  });

  it('a region question is single choice; a grade needs at least two grades', () => {
    const set = sah();
    set.questions = [question('outline', 'region', 'multiple', ['a'], { keys: ['x'] }), question('mayo', 'frame', 'grade', ['mayo.0']), question('ok', 'frame', 'grade', ['g0', 'g1'])];
    expect(errorsOf(set)).toEqual(['questions[0].kind: a region question is single choice', 'questions[1].classes: a grade scale needs at least two grades']);
  });

  it.each(['red', '#fff', '#12345g', '#1234567', 'd62728'])('refuses colour %s', (color) => {
    const set = sah();
    q0(set).classes[0].color = color;
    expect(errorsOf(set)).toEqual([expect.stringMatching(/^questions\[0\]\.classes\[0\]\.color: expected a colour like "#d62728"/)]);
  });

  it('refuses an itemAnswer priority naming an unknown or repeated class', () => {
    const set = sah();
    q0(set).itemAnswer = { kind: 'priority', priority: ['sah.present', 'sah.maybe', 'sah.present'] };
    expect(errorsOf(set)).toEqual([
      'questions[0].itemAnswer.priority[1]: unknown class "sah.maybe"',
      'questions[0].itemAnswer.priority[2]: class "sah.present" listed twice',
    ]);
  });

  it('refuses an unknown itemAnswer kind', () => {
    const set = sah();
    q0(set).itemAnswer = { kind: 'majority', priority: [] };
    expect(errorsOf(set)).toEqual([expect.stringMatching(/^questions\[0\]\.itemAnswer\.kind: expected one of "priority"/)]);
  });

  it('needs both English and Japanese names, non-blank', () => {
    const set = sah();
    set.name = { en: 'SAH', ja: '  ' };
    q0(set).classes[1].name = { en: 'Absent' };
    expect(errorsOf(set)).toEqual(['name.ja: must not be empty', 'questions[0].classes[1].name.ja: expected a string, got undefined']);
  });

  it('checks id, version, and each question’s target, kind, required flag and classes', () => {
    expect(
      errorsOf({
        id: '',
        version: 0,
        name: { en: 'a', ja: 'b' },
        questions: [{ id: 'q', name: { en: 'a', ja: 'b' }, target: 'voxel', kind: 'some', required: 'yes', classes: [] }],
      }),
    ).toEqual([
      'id: must not be empty',
      'version: expected an integer ≥ 1, got 0',
      'questions[0].target: expected one of "series", "slice", "frame", "frameRange", "image", "slide", "region", got "voxel"',
      'questions[0].kind: expected one of "single", "multiple", "grade", got "some"',
      'questions[0].required: expected true or false',
      'questions[0].classes: a question needs at least one class',
    ]);
  });

  it('refuses a fractional version and unknown properties', () => {
    const set = sah();
    set.version = 1.5;
    set.colour = 'x';
    q0(set).choice = 'single';
    expect(errorsOf(set)).toEqual(['colour: unknown property', 'version: expected an integer ≥ 1, got 1.5', 'questions[0].choice: unknown property']);
  });

  it('checks codings field by field', () => {
    const set = sah();
    q0(set).classes[0].coding = { scheme: 'SCT', code: 21454007 };
    expect(errorsOf(set)).toEqual([
      'questions[0].classes[0].coding.code: expected a string, got 21454007',
      'questions[0].classes[0].coding.meaning: expected a string, got undefined',
    ]);
  });

  it('reports every problem at once, not just the first', () => {
    const set = sah();
    const classes = q0(set).classes;
    classes[0].color = 'red';
    classes[1].code = '';
    classes[2] = 'oops';
    expect(errorsOf(set)).toEqual([
      'questions[0].classes[0].color: expected a colour like "#d62728", got "red"',
      'questions[0].classes[1].code: must not be empty',
      'questions[0].classes[2]: expected an object, got "oops"',
      // The broken classes also leave the priority rule pointing at codes that no longer exist.
      'questions[0].itemAnswer.priority[1]: unknown class "sah.uncertain"',
      'questions[0].itemAnswer.priority[2]: unknown class "sah.absent"',
    ]);
  });

  it('caps a flood of errors with a count of the rest', () => {
    const set = sah();
    delete q0(set).itemAnswer;
    q0(set).classes = Array.from({ length: 80 }, () => ({ code: 'same', name: { en: 'a', ja: 'b' }, color: '#000000' }));
    const errors = errorsOf(set);
    expect(errors).toHaveLength(51);
    expect(errors.at(-1)).toBe('… and 29 more');
  });
});
