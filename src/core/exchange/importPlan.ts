/**
 * The outlines read from a file, with the user's class choices, as the shapes one `shape/addMany`
 * adds. A class name mapped to no class is skipped, and counted so the summary can say so.
 */
import type { NewShape } from '../commands/types';
import type { SourceClass } from './classMatch';
import type { ImportedOutline } from './geojsonImport';

/** Per class name of the file (null: unclassified), the class code it becomes; null: skip it. */
export type ClassChoices = ReadonlyMap<string | null, string | null>;

export interface ImportPlan {
  readonly shapes: NewShape[];
  /** Class names skipped by choice (or left unmapped), with their outline counts. */
  readonly skippedClasses: SourceClass[];
}

export function planShapes(chunks: Iterable<readonly ImportedOutline[]>, choices: ClassChoices): ImportPlan {
  const shapes: NewShape[] = [];
  const skipped = new Map<string | null, number>();
  for (const chunk of chunks) {
    for (const { sourceClass, geometry } of chunk) {
      const classCode = choices.get(sourceClass) ?? null;
      if (classCode === null) skipped.set(sourceClass, (skipped.get(sourceClass) ?? 0) + 1);
      else shapes.push({ classCode, geometry });
    }
  }
  return { shapes, skippedClasses: [...skipped].map(([name, count]) => ({ name, count })) };
}
