/**
 * How a record is stored: its body as JSON plus the columns that queries filter on (question,
 * target, first class, bounding box, whether it is settled work), derived here once for every writer (batches and
 * the migration of foundation-era documents).
 */
import type { AnnotationRecord } from '../../../src/core/annotation';
import { recordBounds } from '../../../src/core/bounds';
import { isSettled } from '../../../src/core/targetLabels';
import type { StoredRecord } from '../../../src/core/records';
import { toNumber } from '../../db/dialect';
import type { AnnotationRecordsTable } from '../../db/schema';

/** What a record row holds besides its key and write stamps. */
export type RecordColumns = Pick<
  AnnotationRecordsTable,
  'type' | 'question_id' | 'target_id' | 'class_code' | 'min_x' | 'min_y' | 'max_x' | 'max_y' | 'deleted' | 'settled' | 'body'
>;

export function recordColumns(record: AnnotationRecord): RecordColumns {
  const box = recordBounds(record);
  return {
    type: record.type,
    question_id: record.questionId,
    target_id: record.targetId,
    class_code: record.type === 'label' ? (record.classCodes[0] ?? null) : record.classCode,
    min_x: box?.minX ?? null,
    min_y: box?.minY ?? null,
    max_x: box?.maxX ?? null,
    max_y: box?.maxY ?? null,
    deleted: 0,
    settled: isSettled(record) ? 1 : 0,
    body: JSON.stringify(record),
  };
}

/** A tombstone keeps the deleted record's type, question and target, so a stale edit still finds it. */
export function tombstoneColumns(previous: Pick<AnnotationRecordsTable, 'type' | 'question_id' | 'target_id'>): RecordColumns {
  return {
    type: previous.type,
    question_id: previous.question_id,
    target_id: previous.target_id,
    class_code: null,
    min_x: null,
    min_y: null,
    max_x: null,
    max_y: null,
    deleted: 1,
    settled: 0,
    body: null,
  };
}

export function storedRecord(row: { readonly record_id: string; readonly version: number | string; readonly schema: number | string; readonly body: string | null }): StoredRecord {
  return {
    id: row.record_id,
    version: toNumber(row.version),
    schema: toNumber(row.schema),
    record: row.body ? (JSON.parse(row.body) as AnnotationRecord) : null,
  };
}
