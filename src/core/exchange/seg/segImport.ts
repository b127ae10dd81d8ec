/**
 * DICOM Segmentation → Mask records of one region question: each frame lands on the slice its
 * Derivation Image names (or, when it names none, the slice at its Plane Position), each segment
 * on the class with its code (or one an explicit mapping gives); a segment that maps to no class
 * is refused with the reason, as is the whole file when it is not on this item's series.
 */
import type { DcmjsNaturalDataSet } from 'dcmjs';
import type { ImportSource, Mask, Provenance } from '../../annotation';
import type { SeriesItem, Vec3 } from '../../item';
import type { Question } from '../../labelSet';
import { encodeRuns } from '../../mask';
import { maskId } from '../../recordIds';
import { fail, ok, type Result } from '../../result';
import { bytesOf, itemsOf, numbersOf, textOf } from './dicomFile';
import { slicePlanes, sliceAt } from './geometry';
import { unpackFrame } from './frameBits';
import { classOfSegmentType, type CodedConcept } from './segmentCodes';
import { SEGMENTATION_STORAGE } from './segExport';

export interface SegSegment {
  readonly number: number;
  readonly label: string;
  readonly category: CodedConcept | null;
  readonly type: CodedConcept | null;
}

export interface SegFrame {
  readonly segmentNumber: number;
  /** The source instance its Derivation Image names, or null. */
  readonly sourceSopInstanceUid: string | null;
  readonly sourceFrame: number | null;
  /** Plane Position (mm, LPS), or null. */
  readonly position: Vec3 | null;
  /** 0 or 1 per pixel, row-major. */
  readonly labels: Uint8Array;
}

export interface Segmentation {
  readonly sopInstanceUid: string;
  /** The series its Referenced Series Sequence names, or null when it names none. */
  readonly referencedSeriesUid: string | null;
  readonly rows: number;
  readonly columns: number;
  readonly segments: readonly SegSegment[];
  readonly frames: readonly SegFrame[];
}

function codeOf(value: unknown): CodedConcept | null {
  const item = itemsOf(value)[0];
  if (!item) return null;
  const code = textOf(item.CodeValue) || textOf(item.LongCodeValue) || textOf(item.URNCodeValue);
  return { scheme: textOf(item.CodingSchemeDesignator), value: code, meaning: textOf(item.CodeMeaning) };
}

function vec3(value: unknown): Vec3 | null {
  const n = numbersOf(value);
  return n.length === 3 && n.every(Number.isFinite) ? [n[0]!, n[1]!, n[2]!] : null;
}

/** A functional group macro of frame `perFrame`, else the shared one. */
function group(perFrame: DcmjsNaturalDataSet, shared: DcmjsNaturalDataSet | undefined, keyword: string): DcmjsNaturalDataSet | undefined {
  return itemsOf(perFrame[keyword])[0] ?? (shared ? itemsOf(shared[keyword])[0] : undefined);
}

/** Reads a SEG's segments and frames; refuses what is not a SEG or whose pixels it cannot decode. */
export function readSegmentation(dataSet: DcmjsNaturalDataSet): Result<Segmentation> {
  if (textOf(dataSet.SOPClassUID) !== SEGMENTATION_STORAGE) return fail([`not a DICOM Segmentation (SOP Class ${textOf(dataSet.SOPClassUID) || 'absent'})`]);
  const type = textOf(dataSet.SegmentationType);
  if (type !== 'BINARY' && type !== 'FRACTIONAL') return fail([`Segmentation Type "${type}" is neither BINARY nor FRACTIONAL`]);
  const rows = Number(dataSet.Rows);
  const columns = Number(dataSet.Columns);
  const frameCount = Number(textOf(dataSet.NumberOfFrames) || '1');
  const pixels = rows * columns;
  const bytes = bytesOf(dataSet.PixelData);
  if (!bytes) return fail(['the SEG carries no pixel data']);
  const expected = type === 'BINARY' ? Math.ceil((frameCount * pixels) / 8) : frameCount * pixels;
  if (bytes.length < expected) return fail([`the pixel data holds ${bytes.length} bytes, ${expected} expected for ${frameCount} frames of ${columns}×${rows}: compressed SEGs are not read`]);
  // A fractional frame counts a pixel in the segment from half its maximum (occupancy or probability).
  const half = Number(dataSet.MaximumFractionalValue ?? 255) / 2;
  const shared = itemsOf(dataSet.SharedFunctionalGroupsSequence)[0];
  const perFrame = itemsOf(dataSet.PerFrameFunctionalGroupsSequence);
  if (perFrame.length !== frameCount) return fail([`${perFrame.length} per-frame functional groups for ${frameCount} frames`]);
  const frames = perFrame.map((groups, index): SegFrame => {
    const source = itemsOf(itemsOf(group(groups, shared, 'DerivationImageSequence')?.SourceImageSequence)[0]);
    const sourceItem = source[0];
    const labels =
      type === 'BINARY' ? unpackFrame(bytes, index, pixels) : bytes.subarray(index * pixels, (index + 1) * pixels).map((v) => (v >= half && v > 0 ? 1 : 0));
    return {
      segmentNumber: Number(group(groups, shared, 'SegmentIdentificationSequence')?.ReferencedSegmentNumber ?? 0),
      sourceSopInstanceUid: sourceItem ? textOf(sourceItem.ReferencedSOPInstanceUID) || null : null,
      sourceFrame: sourceItem && sourceItem.ReferencedFrameNumber != null ? Number(sourceItem.ReferencedFrameNumber) : null,
      position: vec3(group(groups, shared, 'PlanePositionSequence')?.ImagePositionPatient),
      labels,
    };
  });
  const segments = itemsOf(dataSet.SegmentSequence).map((s) => ({
    number: Number(s.SegmentNumber),
    label: textOf(s.SegmentLabel),
    category: codeOf(s.SegmentedPropertyCategoryCodeSequence),
    type: codeOf(s.SegmentedPropertyTypeCodeSequence),
  }));
  const series = itemsOf(dataSet.ReferencedSeriesSequence)[0];
  return ok({
    sopInstanceUid: textOf(dataSet.SOPInstanceUID),
    referencedSeriesUid: series ? textOf(series.SeriesInstanceUID) || null : null,
    rows,
    columns,
    segments,
    frames,
  });
}

/** Why one segment, or some of its frames, did not become masks. */
export interface SegmentRefusal {
  readonly segmentNumber: number;
  readonly label: string;
  readonly reason: string;
}

export interface SegImportOptions {
  readonly series: SeriesItem;
  readonly question: Question;
  /** Segment Number → class code, for segments whose codes name no class of the question. */
  readonly mapping?: Readonly<Record<number, string>>;
  /** The file's name, kept in each record's provenance. */
  readonly fileName: string;
  /** The importing person's provenance. */
  readonly provenance: Provenance;
}

export interface SegImport {
  readonly masks: readonly Mask[];
  readonly refusals: readonly SegmentRefusal[];
}

/** Mask records of a read SEG on `options.series`; refuses the whole file when it is on another series or of another size. */
export function segmentationToMasks(seg: Segmentation, options: SegImportOptions): Result<SegImport> {
  const { series, question } = options;
  if (seg.referencedSeriesUid !== null && seg.referencedSeriesUid !== series.seriesInstanceUid) {
    return fail([`the SEG segments series ${seg.referencedSeriesUid}, which is not this item's series (${series.seriesInstanceUid})`]);
  }
  if (seg.rows !== series.rows || seg.columns !== series.columns) {
    return fail([`the SEG's frames are ${seg.columns}×${seg.rows}, this series' slices ${series.columns}×${series.rows}`]);
  }
  const bySop = new Map(series.slices.map((slice, index) => [`${slice.sopInstanceUid}#${slice.frame ?? ''}`, index]));
  const planes = slicePlanes(series);
  const refusals: SegmentRefusal[] = [];
  const classOf = new Map<number, string>();
  for (const segment of seg.segments) {
    const mapped = options.mapping?.[segment.number];
    const code = mapped ?? (segment.type ? classOfSegmentType(question, segment.type) : null);
    if (mapped !== undefined && !question.classes.some((c) => c.code === mapped)) {
      refusals.push({ segmentNumber: segment.number, label: segment.label, reason: `the mapping names class "${mapped}", which question "${question.id}" does not have` });
    } else if (code === null) {
      const type = segment.type ? `${segment.type.scheme} ${segment.type.value} "${segment.type.meaning}"` : 'no type code';
      refusals.push({ segmentNumber: segment.number, label: segment.label, reason: `its type (${type}) is the code of no class of question "${question.id}": map it to a class` });
    } else classOf.set(segment.number, code);
  }
  // Several frames of one segment on one slice (overlapping SEGs) are merged.
  const merged = new Map<string, { index: number; code: string; segment: number; labels: Uint8Array }>();
  const unplaced = new Map<number, number>();
  for (const frame of seg.frames) {
    const code = classOf.get(frame.segmentNumber);
    if (code === undefined) continue;
    let index = frame.sourceSopInstanceUid === null ? undefined : bySop.get(`${frame.sourceSopInstanceUid}#${frame.sourceFrame ?? ''}`);
    if (index === undefined && frame.position && planes) {
      // Only a frame whose first pixel is the slice's own lines up pixel for pixel.
      const found = sliceAt(planes, frame.position, 0.01);
      if (found >= 0 && planes[found]!.position.every((v, i) => Math.abs(v - frame.position![i]!) < 0.01)) index = found;
    }
    if (index === undefined) {
      unplaced.set(frame.segmentNumber, (unplaced.get(frame.segmentNumber) ?? 0) + 1);
      continue;
    }
    const key = `${index}:${code}`;
    const existing = merged.get(key);
    if (existing) existing.labels = existing.labels.map((v, i) => v | frame.labels[i]!);
    else merged.set(key, { index, code, segment: frame.segmentNumber, labels: frame.labels });
  }
  for (const [segmentNumber, count] of unplaced) {
    const label = seg.segments.find((s) => s.number === segmentNumber)?.label ?? '';
    refusals.push({ segmentNumber, label, reason: `${count} of its frames name no slice of this series, by instance or by position` });
  }
  const masks = [...merged.values()]
    .filter((m) => m.labels.includes(1))
    .sort((a, b) => a.index - b.index || a.code.localeCompare(b.code))
    .map((m): Mask => {
      const targetId = series.slices[m.index]!.targetId;
      const label = seg.segments.find((s) => s.number === m.segment)?.label || `Segment ${m.segment}`;
      const imported: ImportSource = { format: 'dicomSeg', file: options.fileName, sopInstanceUid: seg.sopInstanceUid, number: m.segment, label };
      return {
        type: 'mask',
        id: maskId(question.id, targetId, m.code),
        questionId: question.id,
        targetId,
        classCode: m.code,
        width: seg.columns,
        height: seg.rows,
        runs: encodeRuns(m.labels),
        provenance: { ...options.provenance, imported },
      };
    });
  return ok({ masks, refusals });
}
