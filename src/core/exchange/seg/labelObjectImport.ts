/**
 * The plan of importing a DICOM SEG or RT Structure Set into a series' region question, for the
 * user to look at before anything changes: each segment or ROI with the class it becomes (its
 * code's, its name's, or the user's choice; null: skipped) and the slices it lands on, what is
 * refused and why, and the records one `record/importMany` adds. A file that is no DICOM, no SEG
 * or RTSTRUCT, or on another series is refused whole, naming what it would need.
 */
import type { DcmjsNaturalDataSet } from 'dcmjs';
import type { Mask, Provenance, Shape } from '../../annotation';
import type { SeriesItem } from '../../item';
import type { Question } from '../../labelSet';
import { classMatcher } from '../classMatch';
import { readDicom, textOf } from './dicomFile';
import { classOfRoi, readStructureSet, RT_STRUCTURE_SET_STORAGE, structureSetToRecords, type StructureSet } from './rtstructImport';
import { SEGMENTATION_STORAGE } from './segExport';
import { readSegmentation, segmentationToMasks, type Segmentation } from './segImport';
import { classOfSegmentType } from './segmentCodes';

export type LabelObject =
  | { readonly kind: 'seg'; readonly seg: Segmentation; readonly studyUid: string }
  | { readonly kind: 'rtstruct'; readonly set: StructureSet; readonly studyUid: string };

/** Why a whole file is not imported. `detail` is the reader's own sentence (English). */
export type LabelObjectRefusal =
  | { readonly kind: 'notDicom'; readonly detail: string }
  | { readonly kind: 'notLabelObject'; readonly sopClassUid: string }
  | { readonly kind: 'unreadable'; readonly detail: string }
  /** The series (and study, when the file names it) the file was made on. */
  | { readonly kind: 'otherSeries'; readonly seriesUids: readonly string[]; readonly studyUid: string }
  | { readonly kind: 'notOnSeries'; readonly detail: string };

export type Refusable<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: LabelObjectRefusal };

/** Reads a SEG or an RTSTRUCT (with or without File Meta); anything else is refused. */
export function readLabelObject(bytes: Uint8Array): Refusable<LabelObject> {
  let dataSet: DcmjsNaturalDataSet;
  try {
    dataSet = readDicom(bytes);
  } catch (error) {
    return { ok: false, refusal: { kind: 'notDicom', detail: error instanceof Error ? error.message : String(error) } };
  }
  const sopClassUid = textOf(dataSet.SOPClassUID);
  const studyUid = textOf(dataSet.StudyInstanceUID);
  if (sopClassUid === SEGMENTATION_STORAGE) {
    const read = readSegmentation(dataSet);
    return read.ok ? { ok: true, value: { kind: 'seg', seg: read.value, studyUid } } : { ok: false, refusal: { kind: 'unreadable', detail: read.errors.join('; ') } };
  }
  // An RTSTRUCT without File Meta may lack its SOP Class; readStructureSet knows it by its ROIs.
  if (sopClassUid === RT_STRUCTURE_SET_STORAGE || (sopClassUid === '' && dataSet.StructureSetROISequence !== undefined)) {
    const read = readStructureSet(dataSet);
    return read.ok ? { ok: true, value: { kind: 'rtstruct', set: read.value, studyUid } } : { ok: false, refusal: { kind: 'unreadable', detail: read.errors.join('; ') } };
  }
  return { ok: false, refusal: { kind: 'notLabelObject', sopClassUid } };
}

/** A segment (SEG) or ROI (RTSTRUCT) of the file, by its number, and the class it stands for (null: none found). */
export interface LabelSource {
  readonly number: number;
  readonly label: string;
  readonly classCode: string | null;
}

/** Each segment or ROI with the class its code names, else the class its label names: the starting choices. */
export function labelSources(object: LabelObject, question: Question): LabelSource[] {
  const byName = classMatcher(question);
  if (object.kind === 'seg') {
    return object.seg.segments.map((s) => ({ number: s.number, label: s.label, classCode: (s.type ? classOfSegmentType(question, s.type) : null) ?? byName(s.label) }));
  }
  return object.set.rois.map((roi) => ({ number: roi.number, label: roi.name, classCode: classOfRoi(roi, question, undefined) ?? byName(roi.name) }));
}

export interface LabelImportOptions {
  readonly series: SeriesItem;
  readonly question: Question;
  /** Segment or ROI number → class code; null: skip it. Numbers not given are refused unless their code names a class. */
  readonly choices: ReadonlyMap<number, string | null>;
  /** RTSTRUCT only: outlines as drawn, or labelmaps rasterised from them. */
  readonly as: 'outlines' | 'masks';
  readonly fileName: string;
  readonly provenance: Provenance;
}

/** A segment or ROI refused, with the reader's reason (English). */
export interface SourceRefusal {
  readonly number: number;
  readonly label: string;
  readonly reason: string;
}

/** Where one class of the file lands: 0-based slice indices in the series' order. */
export interface PlannedClass {
  readonly classCode: string;
  readonly sliceIndices: readonly number[];
  readonly records: number;
}

export interface LabelImportPlan {
  readonly records: readonly (Mask | Shape)[];
  readonly classes: readonly PlannedClass[];
  /** Segment or ROI number → the slices its records land on (0-based, sorted). */
  readonly slicesOf: ReadonlyMap<number, readonly number[]>;
  readonly refusals: readonly SourceRefusal[];
  /** Segments or ROIs the user chose to skip. */
  readonly skipped: readonly LabelSource[];
}

function otherSeries(object: LabelObject, series: SeriesItem): LabelObjectRefusal | null {
  const named = object.kind === 'seg' ? (object.seg.referencedSeriesUid === null ? [] : [object.seg.referencedSeriesUid]) : object.set.referencedSeriesUids;
  if (named.length === 0 || named.includes(series.seriesInstanceUid)) return null;
  return { kind: 'otherSeries', seriesUids: named, studyUid: object.studyUid };
}

/** Per key (a class code, a source number), the slices of the records that have it and how many records they are. */
function slicesBy<K>(records: readonly (Mask | Shape)[], series: SeriesItem, key: (record: Mask | Shape) => K): Map<K, { sliceIndices: number[]; records: number }> {
  const sliceOf = new Map(series.slices.map((slice, index) => [slice.targetId, index]));
  const byKey = new Map<K, { slices: Set<number>; records: number }>();
  for (const record of records) {
    const entry = byKey.get(key(record)) ?? { slices: new Set<number>(), records: 0 };
    entry.slices.add(sliceOf.get(record.targetId)!);
    entry.records += 1;
    byKey.set(key(record), entry);
  }
  return new Map([...byKey].map(([k, { slices, records: count }]) => [k, { sliceIndices: [...slices].sort((a, b) => a - b), records: count }]));
}

/** The records the file makes on `options.series` with the user's choices, or why it makes none. */
export function planLabelImport(object: LabelObject, options: LabelImportOptions): Refusable<LabelImportPlan> {
  const { series, question, choices } = options;
  const elsewhere = otherSeries(object, series);
  if (elsewhere) return { ok: false, refusal: elsewhere };
  const sources = labelSources(object, question);
  const skipped = sources.filter((s) => choices.has(s.number) && choices.get(s.number) === null);
  const skippedNumbers = new Set(skipped.map((s) => s.number));
  const mapping: Record<number, string> = {};
  for (const [number, code] of choices) if (code !== null) mapping[number] = code;
  const common = { series, question, mapping, fileName: options.fileName, provenance: options.provenance };
  let records: readonly (Mask | Shape)[];
  let refusals: SourceRefusal[];
  if (object.kind === 'seg') {
    // A skipped segment is left out of the file's copy the reader sees, so it is neither read nor refused.
    const seg = { ...object.seg, segments: object.seg.segments.filter((s) => !skippedNumbers.has(s.number)) };
    const made = segmentationToMasks(seg, common);
    if (!made.ok) return { ok: false, refusal: { kind: 'notOnSeries', detail: made.errors.join('; ') } };
    records = made.value.masks;
    refusals = made.value.refusals.map((r) => ({ number: r.segmentNumber, label: r.label, reason: r.reason }));
  } else {
    const set = { ...object.set, rois: object.set.rois.filter((roi) => !skippedNumbers.has(roi.number)) };
    let n = 0;
    // The ids are the plan's own: `record/importMany` gives each outline a new one.
    const made = structureSetToRecords(set, { ...common, as: options.as, newId: () => `planned-${(n += 1)}` });
    if (!made.ok) return { ok: false, refusal: { kind: 'notOnSeries', detail: made.errors.join('; ') } };
    records = made.value.records;
    refusals = made.value.refusals.map((r) => ({ number: r.roiNumber, label: r.name, reason: r.reason }));
  }
  const classes = [...slicesBy(records, series, (r) => r.classCode)].map(([classCode, planned]) => ({ classCode, ...planned }));
  // Every record the readers make names its source (provenance.imported).
  const bySource = slicesBy(records, series, (r) => r.provenance.imported!.number);
  const slicesOf = new Map([...bySource].map(([number, planned]) => [number, planned.sliceIndices]));
  return { ok: true, value: { records, classes, slicesOf, refusals, skipped } };
}
