import type { AnswerKind, LabelSet, QuestionTarget } from '../labelSet';
import { upgradeLabelSetShape } from '../migrations/labelSetShape';
import { fail, ok, type Result } from '../result';
import { Issues, array, at, atIndex, integer, isObject, object, oneOf, string, type Obj } from './checks';
import { checkLiveKeyClashes } from './labelSetKeys';

const TARGETS: readonly QuestionTarget[] = ['series', 'slice', 'frame', 'frameRange', 'image', 'slide', 'region'];
const KINDS: readonly AnswerKind[] = ['single', 'multiple', 'grade'];
const COLOR = /^#[0-9a-fA-F]{6}$/;
/** Label set ids appear in URLs (`/api/label-sets/:id/:version`) and file names. */
const LABEL_SET_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;
/** Question ids are part of record ids (`label:<question>:<target>`): no separators, short. */
const QUESTION_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Checks a label set as it arrives from a client, a file or the database. A body in the shape
 * used before questions existed is upgraded first (see migrations/labelSetShape.ts).
 */
export function validateLabelSet(input: unknown): Result<LabelSet> {
  const x = upgradeLabelSetShape(input);
  const issues = new Issues();
  const set = object(x, '', issues, ['id', 'version', 'name', 'questions']);
  if (set) checkLabelSet(set, issues);
  return issues.count === 0 ? ok(x as LabelSet) : fail(issues.list());
}

function checkLabelSet(set: Obj, issues: Issues): void {
  if (string(set.id, 'id', issues) && !LABEL_SET_ID.test(set.id)) {
    issues.add('id', `expected lower-case letters, digits, ".", "_" or "-" (at most 100), got ${JSON.stringify(set.id)}`);
  }
  integer(set.version, 'version', issues, 1);
  localizedText(set.name, 'name', issues);
  if (!array(set.questions, 'questions', issues)) return;
  if (set.questions.length === 0) issues.add('questions', 'a label set needs at least one question');
  const ids = new Set<string>();
  set.questions.forEach((q, i) => checkQuestion(q, atIndex('questions', i), issues, ids));
  checkLiveKeyClashes(set.questions, issues);
}

function checkQuestion(x: unknown, path: string, issues: Issues, ids: Set<string>): void {
  const q = object(x, path, issues, ['id', 'name', 'target', 'kind', 'classes', 'required', 'itemAnswer']);
  if (!q) return;
  if (string(q.id, at(path, 'id'), issues)) {
    if (!QUESTION_ID.test(q.id)) issues.add(at(path, 'id'), `expected lower-case letters, digits, ".", "_" or "-" (at most 64), got ${JSON.stringify(q.id)}`);
    if (ids.has(q.id)) issues.add(at(path, 'id'), `duplicate question id "${q.id}"`);
    ids.add(q.id);
  }
  localizedText(q.name, at(path, 'name'), issues);
  oneOf(q.target, TARGETS, at(path, 'target'), issues);
  oneOf(q.kind, KINDS, at(path, 'kind'), issues);
  if (typeof q.required !== 'boolean') issues.add(at(path, 'required'), 'expected true or false');
  // An outline or mask carries exactly one class.
  if (q.target === 'region' && q.kind !== 'single') issues.add(at(path, 'kind'), 'a region question is single choice');

  const codes = new Set<string>();
  const classesPath = at(path, 'classes');
  if (array(q.classes, classesPath, issues)) {
    if (q.classes.length === 0) issues.add(classesPath, 'a question needs at least one class');
    if (q.kind === 'grade' && q.classes.length < 2) issues.add(classesPath, 'a grade scale needs at least two grades');
    const keys = new Map<string, string>();
    const codings = new Map<string, string>();
    q.classes.forEach((c, i) => checkClass(c, atIndex(classesPath, i), issues, codes, keys, codings));
    if (q.kind === 'grade') checkGradeKeysRise(q.classes, classesPath, issues);
  }
  if (q.itemAnswer !== undefined) checkItemAnswer(q.itemAnswer, at(path, 'itemAnswer'), issues, codes);
}

function checkItemAnswer(x: unknown, path: string, issues: Issues, codes: ReadonlySet<string>): void {
  const rule = object(x, path, issues, ['kind', 'priority']);
  if (!rule) return;
  oneOf(rule.kind, ['priority'], at(path, 'kind'), issues);
  const priorityPath = at(path, 'priority');
  if (!array(rule.priority, priorityPath, issues)) return;
  const seen = new Set<string>();
  rule.priority.forEach((code, i) => {
    const p = atIndex(priorityPath, i);
    if (!string(code, p, issues)) return;
    if (!codes.has(code)) issues.add(p, `unknown class "${code}"`);
    if (seen.has(code)) issues.add(p, `class "${code}" listed twice`);
    seen.add(code);
  });
}

/**
 * Grades are listed lowest first; where every grade has a digit key the digits must rise with
 * the scale, so `3` never means a milder grade than `2`.
 */
function checkGradeKeysRise(classes: readonly unknown[], path: string, issues: Issues): void {
  const keys = classes.map((c) => (isObject(c) && typeof c.key === 'string' && /^[0-9]$/.test(c.key) ? Number(c.key) : null));
  if (keys.some((k) => k === null)) return;
  keys.forEach((k, i) => {
    const previous = keys[i - 1];
    if (i > 0 && k !== null && previous !== undefined && previous !== null && k <= previous) {
      issues.add(at(atIndex(path, i), 'key'), `grade keys must rise with the scale: key "${k}" follows key "${previous}"`);
    }
  });
}

function checkClass(x: unknown, path: string, issues: Issues, codes: Set<string>, keys: Map<string, string>, codings: Map<string, string>): void {
  const c = object(x, path, issues, ['code', 'name', 'color', 'key', 'coding']);
  if (!c) return;
  if (string(c.code, at(path, 'code'), issues)) {
    if (codes.has(c.code)) issues.add(at(path, 'code'), `duplicate class code "${c.code}"`);
    codes.add(c.code);
  }
  localizedText(c.name, at(path, 'name'), issues);
  if (string(c.color, at(path, 'color'), issues) && !COLOR.test(c.color)) {
    issues.add(at(path, 'color'), `expected a colour like "#d62728", got ${JSON.stringify(c.color)}`);
  }
  if (c.key !== undefined && string(c.key, at(path, 'key'), issues)) {
    // One key press applies the class, so a key is exactly one character (one code point).
    if ([...c.key].length !== 1) issues.add(at(path, 'key'), `expected a single character, got ${JSON.stringify(c.key)}`);
    // Case-blind: with Caps Lock or Shift the same physical key arrives as "a" or "A".
    const folded = c.key.toLowerCase();
    const owner = keys.get(folded);
    if (owner !== undefined) issues.add(at(path, 'key'), `key "${c.key}" is already used by class "${owner}"`);
    keys.set(folded, typeof c.code === 'string' ? c.code : '?');
  }
  if (c.coding !== undefined) {
    const coding = object(c.coding, at(path, 'coding'), issues, ['scheme', 'code', 'meaning']);
    if (coding) {
      string(coding.scheme, at(path, 'coding.scheme'), issues);
      string(coding.code, at(path, 'coding.code'), issues);
      string(coding.meaning, at(path, 'coding.meaning'), issues);
      // Exporters write the standard code (SEG, SR, COCO, GeoJSON); two classes of one question
      // with one code would be indistinguishable there.
      if (typeof coding.scheme === 'string' && typeof coding.code === 'string') {
        const schemeCode = `${coding.scheme} ${coding.code}`;
        const owner = codings.get(schemeCode);
        if (owner !== undefined) issues.add(at(path, 'coding.code'), `code ${coding.scheme} ${coding.code} is already used by class "${owner}"`);
        codings.set(schemeCode, typeof c.code === 'string' ? c.code : '?');
      }
    }
  }
}

function localizedText(x: unknown, path: string, issues: Issues): void {
  const text = object(x, path, issues, ['en', 'ja']);
  if (!text) return;
  string(text.en, at(path, 'en'), issues);
  string(text.ja, at(path, 'ja'), issues);
}
