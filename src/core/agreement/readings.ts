import type { AnnotationRecord, Geometry, PolygonRings, TargetLabel } from '../annotation';
import { isLive } from '../annotation';
import type { LabelSet, Question } from '../labelSet';
import { isSettled } from '../targetLabels';
import { outlinedArea } from './outlineOverlap';

/**
 * One reader's answer on one unit. `grade` is the index of the class on the question's ordered
 * scale (Mayo 0–3, DR 0–4); `empty` is a region question's "drew nothing of this class here".
 */
export type ReadingValue =
  | { readonly kind: 'class'; readonly code: string }
  | { readonly kind: 'classes'; readonly codes: readonly string[] }
  | { readonly kind: 'grade'; readonly grade: number }
  | { readonly kind: 'mask'; readonly width: number; readonly height: number; readonly runs: readonly number[] }
  | { readonly kind: 'outline'; readonly polygons: readonly PolygonRings[] }
  | { readonly kind: 'empty' };

/**
 * What agreement is computed from. A unit is (item, targetKey): the item itself for per-item
 * questions, a slice or frame for per-target ones, and `targetId/classCode` for region questions.
 */
export interface Reading {
  readonly questionId: string;
  readonly itemId: string;
  readonly targetKey: string;
  readonly readerId: string;
  readonly value: ReadingValue;
  /** ISO-8601 UTC: when the reader last changed this answer. */
  readonly at: string;
}

/** One reader's document of the item, as submitted. */
export interface ReaderDocument {
  readonly readerId: string;
  readonly records: readonly AnnotationRecord[];
  /** ISO-8601 UTC; the time of answers the reader gave by leaving a target unlabelled. */
  readonly submittedAt: string;
}

export interface ItemTargetsForReadings {
  readonly itemId: string;
  /** The item's slices or frames in reading order (see `targetIdsOf`). */
  readonly targetIds: readonly string[];
}

export interface ReadingRules {
  /**
   * Per question id, the class an unlabelled target counts as (e.g. `sah.absent` for per-slice
   * SAH, where readers label only the slices with a finding). The label set does not say this
   * yet, so the caller does; without a rule an unlabelled target is a missing rating.
   */
  readonly absentClass?: Readonly<Record<string, string>>;
}

function targetsOf(question: Question, item: ItemTargetsForReadings): readonly string[] {
  return question.target === 'series' || question.target === 'slide' ? [item.itemId] : item.targetIds;
}

function labelValue(question: Question, codes: readonly string[]): ReadingValue | null {
  if (codes.length === 0) return null;
  if (question.kind === 'multiple') return { kind: 'classes', codes: [...codes].sort() };
  if (question.kind === 'single') return { kind: 'class', code: codes[0]! };
  const grade = question.classes.findIndex((c) => c.code === codes[0]);
  return grade < 0 ? null : { kind: 'grade', grade };
}

/** The targets a label answers: one, or each of a frame range in reading order. */
export function coveredTargets(label: TargetLabel, order: ReadonlyMap<string, number>, targetIds: readonly string[]): readonly string[] {
  if (label.endTargetId === undefined) return [label.targetId];
  const first = order.get(label.targetId);
  const last = order.get(label.endTargetId);
  if (first === undefined || last === undefined || last < first) return [label.targetId];
  return targetIds.slice(first, last + 1);
}

/** A reader's work that counts: live, and a person's own or a proposal they accepted or edited. */
function counted(records: readonly AnnotationRecord[]): AnnotationRecord[] {
  return records.filter((record) => isLive(record) && isSettled(record));
}

function labelReadings(question: Question, item: ItemTargetsForReadings, reader: ReaderDocument, records: readonly AnnotationRecord[], rules: ReadingRules): Reading[] {
  const targets = targetsOf(question, item);
  const order = new Map(item.targetIds.map((id, index) => [id, index] as const));
  const answered = new Map<string, Reading>();
  const base = { questionId: question.id, itemId: item.itemId, readerId: reader.readerId };
  for (const record of records) {
    if (record.type !== 'label' || record.questionId !== question.id) continue;
    const value = labelValue(question, record.classCodes);
    if (!value) continue;
    for (const targetKey of coveredTargets(record, order, item.targetIds)) answered.set(targetKey, { ...base, targetKey, value, at: record.provenance.updatedAt });
  }
  const absent = rules.absentClass?.[question.id];
  const absentValue = absent === undefined ? null : labelValue(question, [absent]);
  if (absentValue) {
    for (const targetKey of targets) if (!answered.has(targetKey)) answered.set(targetKey, { ...base, targetKey, value: absentValue, at: reader.submittedAt });
  }
  return [...answered.values()];
}

interface Drawn {
  readonly value: ReadingValue;
  readonly at: string;
}

/** A reader's region per `targetId/classCode`: their mask there, else the union of their outlines. */
function drawnRegions(question: Question, records: readonly AnnotationRecord[]): Map<string, Drawn> {
  const masks = new Map<string, Drawn>();
  const outlines = new Map<string, { geometries: Geometry[]; at: string }>();
  for (const record of records) {
    if (record.questionId !== question.id || record.type === 'label') continue;
    const key = `${record.targetId}/${record.classCode}`;
    if (record.type === 'mask') masks.set(key, { value: { kind: 'mask', width: record.width, height: record.height, runs: record.runs }, at: record.provenance.updatedAt });
    if (record.type === 'shape') {
      const entry = outlines.get(key) ?? { geometries: [], at: record.provenance.updatedAt };
      entry.geometries.push(record.geometry);
      if (record.provenance.updatedAt > entry.at) entry.at = record.provenance.updatedAt;
      outlines.set(key, entry);
    }
  }
  const drawn = new Map(masks);
  for (const [key, { geometries, at }] of outlines) {
    const polygons = outlinedArea(geometries);
    if (!drawn.has(key) && polygons.length > 0) drawn.set(key, { value: { kind: 'outline', polygons }, at });
  }
  return drawn;
}

/**
 * Region readings: for every `targetId/classCode` on which any reader drew, each reader's mask or
 * outlines there, or `empty` for a reader who drew none (they read the item and left it clear).
 * Places nobody drew on are not units: every reader agreeing on "nothing" everywhere would swamp
 * the figure with trivial 1s. A mask wins over outlines of the same class on one target.
 */
function regionReadings(question: Question, item: ItemTargetsForReadings, documents: readonly ReaderDocument[], records: readonly (readonly AnnotationRecord[])[]): Reading[] {
  const drawn = documents.map((_, i) => drawnRegions(question, records[i]!));
  const keys = new Set(drawn.flatMap((regions) => [...regions.keys()]));
  return documents.flatMap((reader, i) =>
    [...keys].map((targetKey): Reading => {
      const region = drawn[i]!.get(targetKey);
      const base = { questionId: question.id, itemId: item.itemId, readerId: reader.readerId, targetKey };
      return region ? { ...base, ...region } : { ...base, value: { kind: 'empty' }, at: reader.submittedAt };
    }),
  );
}

/**
 * Every reader's readings of one item, for every question of the label set. Pending and rejected
 * model proposals are not a reader's answer and are ignored. O(records + targets × questions).
 */
export function readingsOfItem(labelSet: LabelSet, item: ItemTargetsForReadings, documents: readonly ReaderDocument[], rules: ReadingRules = {}): Reading[] {
  const records = documents.map((reader) => counted(reader.records));
  return labelSet.questions.flatMap((question) =>
    question.target === 'region'
      ? regionReadings(question, item, documents, records)
      : documents.flatMap((reader, i) => labelReadings(question, item, reader, records[i]!, rules)),
  );
}
