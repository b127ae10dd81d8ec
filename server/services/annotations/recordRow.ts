/**
 * How a record is stored: its body as JSON plus the columns that queries filter on (question,
 * target, first class, bounding box, liveness), derived here once for every writer (batches and
 * the migration of foundation-era documents).
 */
import type { AnnotationRecord, Geometry, Mask } from '../../../src/core/annotation';
import { isLive } from '../../../src/core/annotation';
import type { StoredRecord } from '../../../src/core/records';
import { toNumber } from '../../db/dialect';
import type { AnnotationRecordsTable } from '../../db/schema';

/** Image px, origin top-left; a mask's box covers its set pixels' whole squares. */
export interface Box {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

function boxOfPoints(points: readonly (readonly [number, number])[]): Box | null {
  if (points.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { minX, minY, maxX, maxY };
}

function boxOfGeometry(geometry: Geometry): Box | null {
  switch (geometry.type) {
    case 'point':
      return boxOfPoints([geometry.point]);
    case 'polyline':
    case 'polygon':
      return boxOfPoints(geometry.points);
    case 'rectangle':
      return boxOfPoints([geometry.topLeft, geometry.bottomRight]);
    case 'ellipse': {
      // The circle of the larger radius holds the ellipse at any rotation: a loose box, whatever
      // unit the rotation is in.
      const r = Math.max(geometry.radii[0], geometry.radii[1]);
      const [cx, cy] = geometry.center;
      return { minX: cx - r, minY: cy - r, maxX: cx + r, maxY: cy + r };
    }
  }
}

/** Box of the set pixels of a run-length mask (runs alternate, starting with a run of 0s). */
function boxOfMask(mask: Mask): Box | null {
  const { width } = mask;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let offset = 0;
  mask.runs.forEach((run, i) => {
    if (i % 2 === 1 && run > 0) {
      const firstRow = Math.floor(offset / width);
      const lastRow = Math.floor((offset + run - 1) / width);
      minY = Math.min(minY, firstRow);
      maxY = Math.max(maxY, lastRow + 1);
      if (firstRow === lastRow) {
        minX = Math.min(minX, offset % width);
        maxX = Math.max(maxX, ((offset + run - 1) % width) + 1);
      } else {
        minX = 0;
        maxX = width;
      }
    }
    offset += run;
  });
  return minX === Infinity ? null : { minX, minY, maxX, maxY };
}

export function boxOf(record: AnnotationRecord): Box | null {
  if (record.type === 'shape') return boxOfGeometry(record.geometry);
  if (record.type === 'mask') return boxOfMask(record);
  return null;
}

/** What a record row holds besides its key and write stamps. */
export type RecordColumns = Pick<
  AnnotationRecordsTable,
  'type' | 'question_id' | 'target_id' | 'class_code' | 'min_x' | 'min_y' | 'max_x' | 'max_y' | 'deleted' | 'live' | 'body'
>;

export function recordColumns(record: AnnotationRecord): RecordColumns {
  const box = boxOf(record);
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
    live: isLive(record) ? 1 : 0,
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
    live: 0,
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
