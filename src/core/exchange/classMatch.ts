/**
 * Class names of an imported file matched to the classes of a region question. QuPath knows a
 * class by its name only ("Tumor", "Carcinoma", "癌"), so a name matches a class by its English or
 * Japanese name, its code, or the code's last part (`carcinoma` for `lesion.carcinoma`), ignoring
 * case, surrounding spaces and full-width forms. Names nothing matches are for the user to map.
 */
import type { Question } from '../labelSet';

/** One class name of a file (null: objects without a class) and how many outlines carry it. */
export interface SourceClass {
  readonly name: string | null;
  readonly count: number;
}

/** A class name of the file with the class it maps to; `code` null: not matched (or skipped). */
export interface ClassChoice extends SourceClass {
  readonly code: string | null;
}

const normalized = (name: string): string => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** The question's class code for a file's class name, or null when none matches. */
export function classMatcher(question: Pick<Question, 'classes'>): (name: string | null) => string | null {
  const byName = new Map<string, string>();
  for (const c of question.classes) {
    const lastPart = c.code.slice(c.code.lastIndexOf('.') + 1);
    for (const name of [c.name.en, c.name.ja, c.code, lastPart]) {
      const key = normalized(name);
      // The first class to claim a name keeps it: the label set's order decides.
      if (key && !byName.has(key)) byName.set(key, c.code);
    }
  }
  return (name) => (name === null ? null : (byName.get(normalized(name)) ?? null));
}

/** Each class name of the file with its matched class: the starting point of the mapping step. */
export function matchClasses(question: Pick<Question, 'classes'>, classes: readonly SourceClass[]): ClassChoice[] {
  const match = classMatcher(question);
  return classes.map((c) => ({ ...c, code: match(c.name) }));
}
