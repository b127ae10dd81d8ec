/**
 * What a label-set migration does to one record, and what undoing it puts back. Pure: the server
 * runs these over a dataset's records a page at a time (server/services/labelSetMigration/).
 * A class mapped to null (removed in the new version) stays on the record as it was, and the
 * record is flagged for a person to re-label: records are never dropped.
 */
import type { AnnotationRecord } from '../annotation';
import type { LabelSetMapping } from './migrationPlan';

/**
 * What a run cannot do yet: labels and masks are keyed by their question (and a mask by its
 * class, see recordIds.ts), so moving records to another question id, or a mask to another class,
 * would need new record ids, and two masks merged on one target a union of their pixels. The
 * planner's counts allow it; applying refuses it, naming the question, until that is built.
 */
export function keyedMappingProblems(mapping: LabelSetMapping): string[] {
  return Object.entries(mapping)
    .filter(([questionId, m]) => m.to !== questionId)
    .map(([questionId, m]) => `question "${questionId}" cannot become "${m.to}": its records are keyed by their question, so keep the question's id in the new version`);
}

/** The question and classes a record answers with: what a migration may change and an undo restores. */
export interface RecordClasses {
  readonly questionId: string;
  /** A label's class codes; the one class of a shape or mask. */
  readonly classCodes: readonly string[];
}

export interface MigratedRecord {
  readonly record: AnnotationRecord;
  /** The question or a class changed: the record gets a new version. */
  readonly changed: boolean;
  /** One of its classes is gone from the new version: kept as it was, for a person to re-label. */
  readonly forReview: boolean;
  /** A mask that changed class: its id names its class, so applying refuses it (see keyedMappingProblems). */
  readonly rekeyed: boolean;
}

export function recordClasses(record: AnnotationRecord): RecordClasses {
  return { questionId: record.questionId, classCodes: record.type === 'label' ? record.classCodes : [record.classCode] };
}

/** The record with `classes` in place of its question and classes; everything else (geometry, range, provenance) as it is. */
export function withClasses(record: AnnotationRecord, classes: RecordClasses): AnnotationRecord {
  if (record.type === 'label') return { ...record, questionId: classes.questionId, classCodes: classes.classCodes };
  return { ...record, questionId: classes.questionId, classCode: classes.classCodes[0] ?? record.classCode };
}

const sameCodes = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((code, i) => code === b[i]);

/** The record under `mapping`: a question not in the mapping is left alone (the planner refuses a mapping that leaves records there). */
export function migrateRecord(record: AnnotationRecord, mapping: LabelSetMapping): MigratedRecord {
  const m = mapping[record.questionId];
  if (!m) return { record, changed: false, forReview: false, rekeyed: false };
  const before = recordClasses(record);
  let forReview = false;
  const codes: string[] = [];
  for (const code of before.classCodes) {
    const to = m.classes[code];
    if (to === undefined || to === null) forReview = true;
    const next = to ?? code;
    // Two classes merged into one leave that class once on a multiple-choice label.
    if (!codes.includes(next)) codes.push(next);
  }
  const changed = m.to !== before.questionId || !sameCodes(codes, before.classCodes);
  return { record: changed ? withClasses(record, { questionId: m.to, classCodes: codes }) : record, changed, forReview, rekeyed: changed && record.type === 'mask' };
}
