/**
 * Edits of a label set being written in the admin's editor, as pure functions over the set: the
 * editor holds one draft and replaces it with each edit's result, and the one validator judges
 * every draft as it is typed. Classes that go away take their place in an item-answer priority
 * with them, so a removal never leaves the rule naming a class that no longer exists.
 */
import type { LabelClass, LabelSet, Question } from '../labelSet';

/** Colours a new class takes in turn (the same scale the built-in sets use). */
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export function emptyLabelSet(id: string): LabelSet {
  return { id, version: 1, name: { en: '', ja: '' }, questions: [newQuestion([])] };
}

/** A question with a fresh id (`q1`, `q2`…) and one class, asked of a whole image. */
export function newQuestion(existing: readonly Question[]): Question {
  const ids = new Set(existing.map((q) => q.id));
  let n = existing.length + 1;
  while (ids.has(`q${n}`)) n += 1;
  const id = `q${n}`;
  return { id, name: { en: '', ja: '' }, target: 'image', kind: 'single', required: false, classes: [newClass({ id, classes: [] })] };
}

/** A class with the next free code, colour and digit key of its question. */
export function newClass(question: Pick<Question, 'id' | 'classes'>): LabelClass {
  const codes = new Set(question.classes.map((c) => c.code));
  const keys = new Set(question.classes.map((c) => c.key));
  let n = question.classes.length;
  while (codes.has(`${question.id}.${n}`)) n += 1;
  const key = [...'1234567890'].find((k) => !keys.has(k));
  return {
    code: `${question.id}.${n}`,
    name: { en: '', ja: '' },
    color: PALETTE[question.classes.length % PALETTE.length] ?? '#7f7f7f',
    ...(key === undefined ? {} : { key }),
  };
}

function moved<T>(list: readonly T[], index: number, delta: -1 | 1): readonly T[] {
  const to = index + delta;
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  [copy[index], copy[to]] = [copy[to] as T, copy[index] as T];
  return copy;
}

export function moveQuestion(set: LabelSet, index: number, delta: -1 | 1): LabelSet {
  return { ...set, questions: moved(set.questions, index, delta) };
}

export function removeQuestion(set: LabelSet, index: number): LabelSet {
  return { ...set, questions: set.questions.filter((_, i) => i !== index) };
}

export function addQuestion(set: LabelSet): LabelSet {
  return { ...set, questions: [...set.questions, newQuestion(set.questions)] };
}

export function updateQuestion(set: LabelSet, index: number, change: (q: Question) => Question): LabelSet {
  return { ...set, questions: set.questions.map((q, i) => (i === index ? withPriorityOf(change(q)) : q)) };
}

/** A new class; under an item-answer rule it comes last in the priority, so the rule names every class. */
export function addClass(q: Question): Question {
  const added = newClass(q);
  const itemAnswer = q.itemAnswer ? { ...q.itemAnswer, priority: [...q.itemAnswer.priority, added.code] } : undefined;
  return { ...q, classes: [...q.classes, added], ...(itemAnswer ? { itemAnswer } : {}) };
}

/**
 * Turns the item-answer rule on (the classes' order as the first priority, to be reordered) or
 * off. The rule derives one answer for the item from its targets' answers (e.g. a series is SAH
 * present when any slice is).
 */
export function setItemAnswer(q: Question, derived: boolean): Question {
  if (!derived) {
    const { itemAnswer: _dropped, ...rest } = q;
    return rest;
  }
  return { ...q, itemAnswer: { kind: 'priority', priority: q.classes.map((c) => c.code) } };
}

/** Moves the class at `index` of the item-answer priority one place earlier (-1) or later (1). */
export function movePriority(q: Question, index: number, delta: -1 | 1): Question {
  if (!q.itemAnswer) return q;
  return { ...q, itemAnswer: { ...q.itemAnswer, priority: moved(q.itemAnswer.priority, index, delta) } };
}

export function moveClass(q: Question, index: number, delta: -1 | 1): Question {
  return { ...q, classes: moved(q.classes, index, delta) };
}

export function removeClass(q: Question, index: number): Question {
  return { ...q, classes: q.classes.filter((_, i) => i !== index) };
}

/** Replaces class `index`; a new code is followed by the item-answer priority. */
export function updateClass(q: Question, index: number, next: LabelClass): Question {
  const before = q.classes[index];
  const classes = q.classes.map((c, i) => (i === index ? next : c));
  const itemAnswer =
    q.itemAnswer && before && before.code !== next.code ? { ...q.itemAnswer, priority: q.itemAnswer.priority.map((code) => (code === before.code ? next.code : code)) } : q.itemAnswer;
  return { ...q, classes, ...(itemAnswer ? { itemAnswer } : {}) };
}

/** Drops from the priority rule the classes the question no longer has. */
function withPriorityOf(q: Question): Question {
  if (!q.itemAnswer) return q;
  const codes = new Set(q.classes.map((c) => c.code));
  return { ...q, itemAnswer: { ...q.itemAnswer, priority: q.itemAnswer.priority.filter((code) => codes.has(code)) } };
}
