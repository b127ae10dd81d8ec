import { describe, expect, it } from 'vitest';
import { SAH_SLICE_LABEL_SET } from '../labelSets/builtin';
import type { LabelSet } from '../labelSet';
import { validateLabelSet } from './labelSet';

/** A deep, mutable copy of the SAH set to break in one place per test. */
function sah(): { -readonly [K in keyof LabelSet]: unknown } & Record<string, unknown> {
  return structuredClone(SAH_SLICE_LABEL_SET) as never;
}

function errorsOf(x: unknown): string[] {
  const r = validateLabelSet(x);
  return r.ok ? [] : r.errors;
}

describe('validateLabelSet', () => {
  it('accepts a valid set and returns it', () => {
    const set = sah();
    expect(validateLabelSet(set)).toEqual({ ok: true, value: set });
  });

  it('accepts a set without itemAnswer, keys or codings', () => {
    const set = {
      id: 'x',
      version: 3,
      name: { en: 'X', ja: 'エックス' },
      target: 'region',
      choice: 'multi',
      classes: [{ code: 'a', name: { en: 'A', ja: 'ア' }, color: '#ABCDEF' }],
    };
    expect(validateLabelSet(set).ok).toBe(true);
  });

  it.each([[null], [42], ['set'], [[]], [undefined]])('refuses a non-object %j', (x) => {
    expect(errorsOf(x)).toEqual([expect.stringMatching(/^\(root\): expected an object/)]);
  });

  it('refuses duplicate class codes', () => {
    const set = sah();
    (set.classes as { code: string }[])[2]!.code = 'sah.present';
    expect(errorsOf(set)).toContain('classes[2].code: duplicate class code "sah.present"');
  });

  it('refuses duplicate keys, case-blind, naming the class that owns the key', () => {
    const set = sah();
    (set.classes as { key?: string }[])[1]!.key = '1';
    expect(errorsOf(set)).toEqual(['classes[1].key: key "1" is already used by class "sah.present"']);

    const letters = sah();
    const classes = letters.classes as { key?: string }[];
    classes[0]!.key = 'a';
    classes[1]!.key = 'A';
    expect(errorsOf(letters)).toEqual(['classes[1].key: key "A" is already used by class "sah.present"']);
  });

  it('refuses keys that are not one character', () => {
    const set = sah();
    (set.classes as { key?: string }[])[0]!.key = 'F1';
    expect(errorsOf(set)).toEqual(['classes[0].key: expected a single character, got "F1"']);
  });

  it.each(['red', '#fff', '#12345g', '#1234567', 'd62728'])('refuses colour %s', (color) => {
    const set = sah();
    (set.classes as { color: string }[])[0]!.color = color;
    expect(errorsOf(set)).toEqual([expect.stringMatching(/^classes\[0\]\.color: expected a colour like "#d62728"/)]);
  });

  it('refuses an itemAnswer priority naming an unknown or repeated class', () => {
    const set = sah();
    set.itemAnswer = { kind: 'priority', priority: ['sah.present', 'sah.maybe', 'sah.present'] };
    expect(errorsOf(set)).toEqual([
      'itemAnswer.priority[1]: unknown class "sah.maybe"',
      'itemAnswer.priority[2]: class "sah.present" listed twice',
    ]);
  });

  it('refuses an unknown itemAnswer kind', () => {
    const set = sah();
    set.itemAnswer = { kind: 'majority', priority: [] };
    expect(errorsOf(set)).toEqual([expect.stringMatching(/^itemAnswer\.kind: expected one of "priority"/)]);
  });

  it('needs both English and Japanese names, non-blank', () => {
    const set = sah();
    set.name = { en: 'SAH', ja: '  ' };
    (set.classes as { name: unknown }[])[1]!.name = { en: 'Absent' };
    expect(errorsOf(set)).toEqual(['name.ja: must not be empty', 'classes[1].name.ja: expected a string, got undefined']);
  });

  it('checks id, version, target, choice and a non-empty class list', () => {
    expect(
      errorsOf({ id: '', version: 0, name: { en: 'a', ja: 'b' }, target: 'voxel', choice: 'some', classes: [] }),
    ).toEqual([
      'id: must not be empty',
      'version: expected an integer ≥ 1, got 0',
      'target: expected one of "slice", "frame", "image", "region", got "voxel"',
      'choice: expected one of "single", "multi", got "some"',
      'classes: a label set needs at least one class',
    ]);
  });

  it('refuses a fractional version and unknown properties', () => {
    const set = sah();
    set.version = 1.5;
    set.colour = 'x';
    expect(errorsOf(set)).toEqual(['colour: unknown property', 'version: expected an integer ≥ 1, got 1.5']);
  });

  it('checks codings field by field', () => {
    const set = sah();
    (set.classes as { coding?: unknown }[])[0]!.coding = { scheme: 'SCT', code: 21454007 };
    expect(errorsOf(set)).toEqual([
      'classes[0].coding.code: expected a string, got 21454007',
      'classes[0].coding.meaning: expected a string, got undefined',
    ]);
  });

  it('reports every problem at once, not just the first', () => {
    const set = sah();
    const classes = set.classes as Record<string, unknown>[];
    classes[0]!.color = 'red';
    classes[1]!.code = '';
    classes[2] = 'oops' as never;
    expect(errorsOf(set)).toEqual([
      'classes[0].color: expected a colour like "#d62728", got "red"',
      'classes[1].code: must not be empty',
      'classes[2]: expected an object, got "oops"',
      // The broken classes also leave the priority rule pointing at codes that no longer exist.
      'itemAnswer.priority[1]: unknown class "sah.uncertain"',
      'itemAnswer.priority[2]: unknown class "sah.absent"',
    ]);
  });

  it('caps a flood of errors with a count of the rest', () => {
    const set = sah();
    delete set.itemAnswer;
    set.classes = Array.from({ length: 80 }, () => ({ code: 'same', name: { en: 'a', ja: 'b' }, color: '#000000' }));
    const errors = errorsOf(set);
    expect(errors).toHaveLength(51);
    expect(errors.at(-1)).toBe('… and 29 more');
  });
});
