/**
 * The document a conflict resolution leaves in the draft. `merge` is record-wise three-way:
 * the server's document plus my changes since the common base, mine winning where both changed
 * the same record.
 */
import type { AnnotationDocument } from '../core/annotation';
import { applyDiff, diffDocuments } from '../core/diff';

export type ConflictChoice = 'mine' | 'theirs' | 'merge';

export interface ConflictSides {
  readonly mine: AnnotationDocument;
  /** The server's document my draft was based on (null when there was none). */
  readonly base: AnnotationDocument | null;
  /** The server's current document (null when it has none). */
  readonly server: AnnotationDocument | null;
}

export function resolveConflictDocument(choice: ConflictChoice, sides: ConflictSides): AnnotationDocument {
  const empty: AnnotationDocument = { ...sides.mine, records: {} };
  switch (choice) {
    case 'mine':
      return sides.mine;
    case 'theirs':
      return sides.server ?? empty;
    case 'merge':
      return applyDiff(sides.server ?? empty, diffDocuments(sides.base, sides.mine));
  }
}
