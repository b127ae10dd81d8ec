/**
 * Keys that are live at the same moment must differ. A reader answers label questions one at a
 * time (the current question; `q` moves on), so two questions on the same frame may both use
 * `0`–`4`. A region question's class keys pick the class to draw and are live throughout, beside
 * the current question's keys (see SlideWorkspace's region classes): a region key equal to any
 * other question's key, or to another region question's key, would answer two things at once.
 */
import { Issues, at, atIndex, isObject } from './checks';

interface KeyUse {
  readonly path: string;
  readonly key: string;
  readonly classCode: string;
  readonly questionId: string;
  readonly region: boolean;
}

/** Reports every key shared by a region class and a class of another question. */
export function checkLiveKeyClashes(questions: readonly unknown[], issues: Issues): void {
  const uses = questions.flatMap((q, i) => keyUses(q, atIndex('questions', i)));
  const owners = new Map<string, KeyUse[]>();
  for (const use of uses) {
    const folded = use.key.toLowerCase();
    const clashes = (owners.get(folded) ?? []).filter((other) => other.questionId !== use.questionId && (other.region || use.region));
    for (const other of clashes) {
      issues.add(
        use.path,
        `key "${use.key}" of class "${use.classCode}" (question "${use.questionId}") clashes with class "${other.classCode}" of question "${other.questionId}": region keys are live while every other question is answered`,
      );
    }
    owners.set(folded, [...(owners.get(folded) ?? []), use]);
  }
}

function keyUses(q: unknown, path: string): KeyUse[] {
  if (!isObject(q) || typeof q.id !== 'string' || !Array.isArray(q.classes)) return [];
  const questionId = q.id;
  const region = q.target === 'region';
  return q.classes.flatMap((c, i): KeyUse[] =>
    isObject(c) && typeof c.key === 'string' && typeof c.code === 'string'
      ? [{ path: at(atIndex(at(path, 'classes'), i), 'key'), key: c.key, classCode: c.code, questionId, region }]
      : [],
  );
}
