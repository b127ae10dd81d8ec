import type { LabelSet, LabelTarget } from '../labelSet';
import { fail, ok, type Result } from '../result';
import { Issues, array, at, atIndex, integer, object, oneOf, string, type Obj } from './checks';

const TARGETS: readonly LabelTarget[] = ['slice', 'frame', 'image', 'region'];
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** Checks a label set as it arrives from a client, a file or the database. */
export function validateLabelSet(x: unknown): Result<LabelSet> {
  const issues = new Issues();
  const set = object(x, '', issues, ['id', 'version', 'name', 'target', 'choice', 'classes', 'itemAnswer']);
  if (set) checkLabelSet(set, issues);
  return issues.count === 0 ? ok(x as LabelSet) : fail(issues.list());
}

function checkLabelSet(set: Obj, issues: Issues): void {
  string(set.id, 'id', issues);
  integer(set.version, 'version', issues, 1);
  localizedText(set.name, 'name', issues);
  oneOf(set.target, TARGETS, 'target', issues);
  oneOf(set.choice, ['single', 'multi'], 'choice', issues);

  const codes = new Set<string>();
  if (array(set.classes, 'classes', issues)) {
    if (set.classes.length === 0) issues.add('classes', 'a label set needs at least one class');
    const keys = new Map<string, string>();
    set.classes.forEach((c, i) => checkClass(c, atIndex('classes', i), issues, codes, keys));
  }

  if (set.itemAnswer !== undefined) {
    const rule = object(set.itemAnswer, 'itemAnswer', issues, ['kind', 'priority']);
    if (rule) {
      oneOf(rule.kind, ['priority'], 'itemAnswer.kind', issues);
      if (array(rule.priority, 'itemAnswer.priority', issues)) {
        const seen = new Set<string>();
        rule.priority.forEach((code, i) => {
          const path = atIndex('itemAnswer.priority', i);
          if (!string(code, path, issues)) return;
          if (!codes.has(code)) issues.add(path, `unknown class "${code}"`);
          if (seen.has(code)) issues.add(path, `class "${code}" listed twice`);
          seen.add(code);
        });
      }
    }
  }
}

function checkClass(x: unknown, path: string, issues: Issues, codes: Set<string>, keys: Map<string, string>): void {
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
    }
  }
}

function localizedText(x: unknown, path: string, issues: Issues): void {
  const text = object(x, path, issues, ['en', 'ja']);
  if (!text) return;
  string(text.en, at(path, 'en'), issues);
  string(text.ja, at(path, 'ja'), issues);
}
