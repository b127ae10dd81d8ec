import { describe, expect, it } from 'vitest';
import { validateLabelSet } from '../validate';
import { SAH_SLICE_LABEL_SET } from './builtin';
import { addClass, addQuestion, emptyLabelSet, moveClass, movePriority, moveQuestion, removeClass, removeQuestion, setItemAnswer, updateClass, updateQuestion } from './draft';

describe('label set drafts', () => {
  it('a new set has one image question with one class keyed 1; filling in the names makes it valid', () => {
    const set = emptyLabelSet('fundus-two');
    expect(set.questions.map((q) => [q.id, q.target, q.kind, q.classes.map((c) => `${c.key}=${c.code}`)])).toEqual([['q1', 'image', 'single', ['1=q1.0']]]);
    expect(validateLabelSet(set).ok).toBe(false);
    const named = updateQuestion({ ...set, name: { en: 'Fundus', ja: '眼底' } }, 0, (q) => ({
      ...q,
      name: { en: 'DR', ja: '網膜症' },
      classes: q.classes.map((c) => ({ ...c, name: { en: 'None', ja: 'なし' } })),
    }));
    expect(validateLabelSet(named)).toEqual({ ok: true, value: named });
  });

  it('new questions and classes take the next free id, code, key and colour', () => {
    const set = addQuestion(addQuestion(emptyLabelSet('s')));
    expect(set.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
    const q = addClass(addClass(set.questions[0]!));
    expect(q.classes.map((c) => [c.code, c.key, c.color])).toEqual([
      ['q1.0', '1', '#1f77b4'],
      ['q1.1', '2', '#ff7f0e'],
      ['q1.2', '3', '#2ca02c'],
    ]);
    expect(removeQuestion(set, 0).questions.map((q) => q.id)).toEqual(['q2', 'q3']);
    expect(addQuestion(removeQuestion(set, 0)).questions.map((q) => q.id)).toEqual(['q2', 'q3', 'q4']);
  });

  it('moves questions and classes up and down, not past either end', () => {
    const set = addQuestion(emptyLabelSet('s'));
    expect(moveQuestion(set, 1, -1).questions.map((q) => q.id)).toEqual(['q2', 'q1']);
    expect(moveQuestion(set, 1, 1)).toEqual(set);
    const q = SAH_SLICE_LABEL_SET.questions[0]!;
    expect(moveClass(q, 0, 1).classes.map((c) => c.code)).toEqual(['sah.absent', 'sah.present', 'sah.uncertain']);
    expect(moveClass(q, 0, -1)).toEqual(q);
  });

  it('keeps the item-answer priority in step when a class is renamed or removed', () => {
    const set = updateQuestion(SAH_SLICE_LABEL_SET, 0, (q) => updateClass(q, 2, { ...q.classes[2]!, code: 'sah.unsure' }));
    expect(set.questions[0]!.itemAnswer?.priority).toEqual(['sah.present', 'sah.unsure', 'sah.absent']);
    const removed = updateQuestion(set, 0, (q) => removeClass(q, 0));
    expect(removed.questions[0]!.itemAnswer?.priority).toEqual(['sah.unsure', 'sah.absent']);
    expect(validateLabelSet(removed).ok).toBe(true);
  });

  it('turns the item-answer rule on in class order, reorders it, follows added classes, and turns it off', () => {
    const question = { ...SAH_SLICE_LABEL_SET.questions[0]! };
    const { itemAnswer: _rule, ...plain } = question;
    const derived = setItemAnswer(plain, true);
    expect(derived.itemAnswer).toEqual({ kind: 'priority', priority: plain.classes.map((c) => c.code) });
    const reordered = movePriority(derived, 2, -1);
    expect(reordered.itemAnswer?.priority).toEqual([plain.classes[0]!.code, plain.classes[2]!.code, plain.classes[1]!.code]);
    expect(movePriority(reordered, 0, -1)).toEqual(reordered);
    const grown = addClass(reordered);
    expect(grown.itemAnswer?.priority.at(-1)).toBe(grown.classes.at(-1)!.code);
    const named = updateClass(grown, grown.classes.length - 1, { ...grown.classes.at(-1)!, name: { en: 'Other', ja: 'その他' } });
    expect(validateLabelSet({ ...SAH_SLICE_LABEL_SET, questions: [named, ...SAH_SLICE_LABEL_SET.questions.slice(1)] })).toMatchObject({ ok: true });
    expect(setItemAnswer(grown, false)).not.toHaveProperty('itemAnswer');
    expect(movePriority(plain, 0, 1)).toEqual(plain);
  });
});
