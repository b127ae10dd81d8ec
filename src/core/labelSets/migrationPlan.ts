/**
 * Moving a dataset's records from one version of its label set to another, by an explicit
 * mapping: each question of the old version goes to a question of the new one, each class to a
 * class of that question or to review (the records are kept and flagged for a person, never
 * dropped). Class codes are the identity of a class: a class renamed in the new version keeps its
 * code, so its records follow without a word. The planner checks a mapping against the records
 * there are (counted per question and class) and says what each change does to how many records,
 * before anything is applied; a mapping that would leave records nowhere is refused, naming them.
 */
import type { LabelSet } from '../labelSet';
import { fail, ok, type Result } from '../result';

export interface QuestionMapping {
  /** The question of the new version these records answer. */
  readonly to: string;
  /** Old class code → new class code, or null: keep the records and flag them for review. */
  readonly classes: Readonly<Record<string, string | null>>;
}

/** Old question id → where its records go. */
export type LabelSetMapping = Readonly<Record<string, QuestionMapping>>;

/** How many records of the dataset carry `classCode` for `questionId` (a multiple-choice record counts once per class). */
export interface ClassCount {
  readonly questionId: string;
  readonly classCode: string;
  readonly records: number;
}

/**
 * `same`: nothing changes but perhaps the class's name; `recoded`: the records take another code;
 * `merged`: several old classes become one; `review`: kept as they are and flagged for review.
 */
export type ChangeKind = 'same' | 'recoded' | 'merged' | 'review';

export interface MigrationChange {
  readonly questionId: string;
  readonly fromCode: string;
  readonly toQuestionId: string;
  readonly toCode: string | null;
  readonly kind: ChangeKind;
  readonly records: number;
}

export interface MigrationPlan {
  readonly changes: readonly MigrationChange[];
  /** Records whose code or question changes (what a run must rewrite). */
  readonly recordsRewritten: number;
  readonly recordsForReview: number;
}

/**
 * The mapping to start from: questions by id (when the target kind is the same), classes by code,
 * then by standard code (scheme and code); a class found by neither goes to review.
 */
export function proposeMapping(from: LabelSet, to: LabelSet): LabelSetMapping {
  const mapping: Record<string, QuestionMapping> = {};
  for (const question of from.questions) {
    const target = to.questions.find((q) => q.id === question.id && q.target === question.target);
    if (!target) continue;
    const classes: Record<string, string | null> = {};
    for (const c of question.classes) {
      const same = target.classes.find((t) => t.code === c.code);
      const coded = c.coding && target.classes.find((t) => t.coding?.scheme === c.coding?.scheme && t.coding?.code === c.coding?.code);
      classes[c.code] = (same ?? coded)?.code ?? null;
    }
    mapping[question.id] = { to: target.id, classes };
  }
  return mapping;
}

/** Checks `mapping` against the records counted and says what it does to them; refuses one that loses any. */
export function planMigration(from: LabelSet, to: LabelSet, mapping: LabelSetMapping, counts: readonly ClassCount[]): Result<MigrationPlan> {
  const problems: string[] = [];
  const byOldQuestion = new Map<string, ClassCount[]>();
  for (const count of counts) if (count.records > 0) byOldQuestion.set(count.questionId, [...(byOldQuestion.get(count.questionId) ?? []), count]);

  const targetsTaken = new Map<string, string>();
  for (const [questionId, m] of Object.entries(mapping)) {
    const source = from.questions.find((q) => q.id === questionId);
    const target = to.questions.find((q) => q.id === m.to);
    if (!source) problems.push(`question "${questionId}" is not in ${from.id} version ${from.version}`);
    if (!target) problems.push(`question "${m.to}" is not in ${to.id} version ${to.version}`);
    if (!source || !target) continue;
    if (source.target !== target.target) problems.push(`question "${questionId}" is answered per ${source.target} but "${target.id}" per ${target.target}`);
    const taken = targetsTaken.get(target.id);
    if (taken !== undefined) problems.push(`questions "${taken}" and "${questionId}" both go to "${target.id}": one target would carry two answers`);
    targetsTaken.set(target.id, questionId);
    for (const [fromCode, toCode] of Object.entries(m.classes)) {
      if (toCode !== null && !target.classes.some((c) => c.code === toCode)) problems.push(`class "${toCode}" is not in question "${target.id}" of version ${to.version}`);
      if (!source.classes.some((c) => c.code === fromCode)) problems.push(`class "${fromCode}" is not in question "${questionId}" of version ${from.version}`);
    }
  }

  const changes: MigrationChange[] = [];
  for (const [questionId, questionCounts] of byOldQuestion) {
    const m = mapping[questionId];
    const total = questionCounts.reduce((sum, c) => sum + c.records, 0);
    if (!m) {
      problems.push(`${total} records of question "${questionId}" would be dropped: map the question to one of version ${to.version}`);
      continue;
    }
    for (const count of questionCounts) {
      if (!(count.classCode in m.classes)) {
        problems.push(`${count.records} records of class "${count.classCode}" (question "${questionId}") would be dropped: map the class or send its records to review`);
        continue;
      }
      const toCode = m.classes[count.classCode] ?? null;
      changes.push({ questionId, fromCode: count.classCode, toQuestionId: m.to, toCode, kind: changeKind(m, questionId, count.classCode, toCode), records: count.records });
    }
  }
  if (problems.length > 0) return fail(problems);
  return ok({
    changes,
    recordsRewritten: changes.filter((c) => c.kind === 'recoded' || c.kind === 'merged' || (c.kind === 'same' && c.questionId !== c.toQuestionId)).reduce((sum, c) => sum + c.records, 0),
    recordsForReview: changes.filter((c) => c.kind === 'review').reduce((sum, c) => sum + c.records, 0),
  });
}

function changeKind(m: QuestionMapping, questionId: string, fromCode: string, toCode: string | null): ChangeKind {
  if (toCode === null) return 'review';
  if (Object.entries(m.classes).some(([code, to]) => code !== fromCode && to === toCode)) return 'merged';
  return toCode === fromCode && m.to === questionId ? 'same' : 'recoded';
}

/**
 * The mapping that undoes `mapping` where it can be undone by codes alone: every class that kept
 * its own code or took one no other class took. Null when classes were merged (or sent to review):
 * then undoing needs each record's previous version, which the op log keeps.
 */
export function inverseMapping(mapping: LabelSetMapping): LabelSetMapping | null {
  const inverse: Record<string, QuestionMapping> = {};
  for (const [questionId, m] of Object.entries(mapping)) {
    const classes: Record<string, string | null> = {};
    for (const [fromCode, toCode] of Object.entries(m.classes)) {
      if (toCode === null || toCode in classes) return null;
      classes[toCode] = fromCode;
    }
    inverse[m.to] = { to: questionId, classes };
  }
  return inverse;
}

