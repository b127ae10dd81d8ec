/**
 * DICOM RT Structure Set → records of one region question: each ROI's closed planar contours on a
 * slice become one outline (Shape; inner contours cut holes, as RT planning systems draw them) or
 * one labelmap (Mask), in image px through the slice's position, orientation and spacing. An ROI
 * that maps to no class, contours off every slice and point ROIs (isocentres) are refused with
 * the reason; the whole file is refused when it names another series.
 */
import type { DcmjsNaturalDataSet } from 'dcmjs';
import type { ImportSource, Mask, Point, Provenance, Ring, Shape } from '../../annotation';
import { exclusiveOrPolygons, intersectPolygons } from '../../geometry/clipping';
import type { SeriesItem, Vec3 } from '../../item';
import type { Question } from '../../labelSet';
import { decodeRuns, encodeRuns } from '../../mask';
import { maskId } from '../../recordIds';
import { fail, ok, type Result } from '../../result';
import { sliceSpacings } from '../../seriesOrder';
import { itemsOf, numbersOf, textOf } from './dicomFile';
import { patientToImage, sliceAt, slicePlanes } from './geometry';
import { rasterisePolygons } from './rasterise';
import { classOfSegmentType, type CodedConcept } from './segmentCodes';

export const RT_STRUCTURE_SET_STORAGE = '1.2.840.10008.5.1.4.1.1.481.3';

export interface RtContour {
  /** CLOSED_PLANAR, OPEN_PLANAR, POINT… */
  readonly geometricType: string;
  /** Patient mm (LPS). */
  readonly points: readonly Vec3[];
  /** The image its Contour Image Sequence names, or null. */
  readonly sopInstanceUid: string | null;
}

export interface RtRoi {
  readonly number: number;
  readonly name: string;
  /** RT ROI Identification Code of its observation, when it has one. */
  readonly code: CodedConcept | null;
  readonly contours: readonly RtContour[];
}

export interface StructureSet {
  readonly sopInstanceUid: string;
  /** Series its Referenced Frame of Reference Sequence names. */
  readonly referencedSeriesUids: readonly string[];
  readonly rois: readonly RtRoi[];
}

export function readStructureSet(dataSet: DcmjsNaturalDataSet): Result<StructureSet> {
  const sopClass = textOf(dataSet.SOPClassUID);
  // Files without File Meta may lack SOP Class too; the ROI sequences say what it is.
  if (sopClass !== RT_STRUCTURE_SET_STORAGE && !(sopClass === '' && dataSet.StructureSetROISequence !== undefined)) {
    return fail([`not an RT Structure Set (SOP Class ${sopClass || 'absent'})`]);
  }
  const referencedSeriesUids = itemsOf(dataSet.ReferencedFrameOfReferenceSequence).flatMap((frame) =>
    itemsOf(frame.RTReferencedStudySequence).flatMap((study) => itemsOf(study.RTReferencedSeriesSequence).map((series) => textOf(series.SeriesInstanceUID))),
  );
  const contoursOf = new Map<number, RtContour[]>();
  for (const roiContour of itemsOf(dataSet.ROIContourSequence)) {
    const contours = itemsOf(roiContour.ContourSequence).map((contour): RtContour => {
      const data = numbersOf(contour.ContourData);
      const points: Vec3[] = [];
      for (let i = 0; i + 2 < data.length; i += 3) points.push([data[i]!, data[i + 1]!, data[i + 2]!]);
      const image = itemsOf(contour.ContourImageSequence)[0];
      return { geometricType: textOf(contour.ContourGeometricType), points, sopInstanceUid: image ? textOf(image.ReferencedSOPInstanceUID) || null : null };
    });
    contoursOf.set(Number(roiContour.ReferencedROINumber), contours);
  }
  const codeOf = new Map<number, CodedConcept>();
  for (const observation of itemsOf(dataSet.RTROIObservationsSequence)) {
    const code = itemsOf(observation.RTROIIdentificationCodeSequence)[0];
    if (code) codeOf.set(Number(observation.ReferencedROINumber), { scheme: textOf(code.CodingSchemeDesignator), value: textOf(code.CodeValue), meaning: textOf(code.CodeMeaning) });
  }
  const rois = itemsOf(dataSet.StructureSetROISequence).map((roi): RtRoi => {
    const number = Number(roi.ROINumber);
    return { number, name: textOf(roi.ROIName), code: codeOf.get(number) ?? null, contours: contoursOf.get(number) ?? [] };
  });
  return ok({ sopInstanceUid: textOf(dataSet.SOPInstanceUID), referencedSeriesUids, rois });
}

export interface RoiRefusal {
  readonly roiNumber: number;
  readonly name: string;
  readonly reason: string;
}

export interface RtImportOptions {
  readonly series: SeriesItem;
  readonly question: Question;
  /** Outlines (the default: what was drawn, exactly) or labelmaps rasterised from them. */
  readonly as: 'outlines' | 'masks';
  /** ROI Number → class code, for ROIs whose code or name names no class. */
  readonly mapping?: Readonly<Record<number, string>>;
  readonly fileName: string;
  readonly provenance: Provenance;
  /** Ids of new outlines. */
  readonly newId: () => string;
}

export interface RtImport {
  readonly records: readonly (Shape | Mask)[];
  readonly refusals: readonly RoiRefusal[];
}

/** The class an ROI stands for: the mapping's, its code's, or the class named as it is (code or English or Japanese name, any case). */
export function classOfRoi(roi: RtRoi, question: Question, mapping: RtImportOptions['mapping']): string | null {
  const mapped = mapping?.[roi.number];
  if (mapped !== undefined) return question.classes.some((c) => c.code === mapped) ? mapped : null;
  const byCode = roi.code ? classOfSegmentType(question, roi.code) : null;
  if (byCode) return byCode;
  const name = roi.name.toLowerCase();
  return question.classes.find((c) => [c.code, c.name.en, c.name.ja].some((n) => n.toLowerCase() === name))?.code ?? null;
}

export function structureSetToRecords(set: StructureSet, options: RtImportOptions): Result<RtImport> {
  const { series, question } = options;
  if (set.referencedSeriesUids.length > 0 && !set.referencedSeriesUids.includes(series.seriesInstanceUid)) {
    return fail([`the structure set outlines series ${set.referencedSeriesUids.join(', ')}, not this item's series (${series.seriesInstanceUid})`]);
  }
  const planes = slicePlanes(series);
  if (!planes) return fail(['the series has no complete geometry (orientation, pixel spacing and every slice position): contours cannot be placed on its slices']);
  // A contour belongs to the slice within half the slice spacing of it.
  const gaps = (sliceSpacings(series.slices, series.orientation) ?? []).map(Math.abs).filter((g) => g > 1e-6);
  const tolerance = gaps.length === 0 ? 0.5 : Math.min(...gaps) / 2;
  const bySop = new Map(series.slices.map((slice, index) => [slice.sopInstanceUid, index]));
  const image: Ring = [
    [0, 0],
    [series.columns, 0],
    [series.columns, series.rows],
    [0, series.rows],
  ];
  const records: (Shape | Mask)[] = [];
  const refusals: RoiRefusal[] = [];
  const masks = new Map<string, Mask>();
  for (const roi of set.rois) {
    const refuse = (reason: string) => refusals.push({ roiNumber: roi.number, name: roi.name, reason });
    const planar = roi.contours.filter((c) => c.geometricType === 'CLOSED_PLANAR' && c.points.length >= 3);
    if (planar.length === 0) {
      refuse(roi.contours.length === 0 ? 'it has no contours' : `its contours are ${[...new Set(roi.contours.map((c) => c.geometricType))].join(', ')}, not closed planar outlines`);
      continue;
    }
    const code = classOfRoi(roi, question, options.mapping);
    if (code === null) {
      const named = roi.code ? `neither its name "${roi.name}" nor its code ${roi.code.scheme} ${roi.code.value} names a class` : `its name "${roi.name}" names no class`;
      refuse(`${named} of question "${question.id}": map it to a class`);
      continue;
    }
    const ringsBySlice = new Map<number, Ring[]>();
    let offSlice = 0;
    for (const contour of planar) {
      const named = contour.sopInstanceUid === null ? undefined : bySop.get(contour.sopInstanceUid);
      const index = named ?? sliceAt(planes, contour.points[0]!, tolerance);
      if (index < 0) {
        offSlice += 1;
        continue;
      }
      const ring: Point[] = contour.points.map((p) => patientToImage(planes[index]!, p).point);
      ringsBySlice.set(index, [...(ringsBySlice.get(index) ?? []), ring]);
    }
    if (offSlice > 0) refuse(`${offSlice} of its ${planar.length} contours lie on no slice of this series`);
    const imported: ImportSource = { format: 'rtStruct', file: options.fileName, sopInstanceUid: set.sopInstanceUid, number: roi.number, label: roi.name || `ROI ${roi.number}` };
    const provenance: Provenance = { ...options.provenance, imported };
    for (const [index, rings] of [...ringsBySlice].sort((a, b) => a[0] - b[0])) {
      const outline = exclusiveOrPolygons(rings);
      const inImage = outline && intersectPolygons(outline.type === 'polygon' ? [outline] : outline.type === 'multiPolygon' ? outline.polygons : [], [{ points: image }]);
      if (!inImage || (inImage.type !== 'polygon' && inImage.type !== 'multiPolygon')) continue;
      const targetId = series.slices[index]!.targetId;
      if (options.as === 'outlines') {
        records.push({ type: 'shape', id: options.newId(), questionId: question.id, targetId, classCode: code, geometry: inImage, provenance });
        continue;
      }
      const labels = rasterisePolygons(inImage.type === 'polygon' ? [inImage] : inImage.polygons, series.columns, series.rows);
      const id = maskId(question.id, targetId, code);
      const earlier = masks.get(id);
      // Two ROIs of one class on one slice make one labelmap.
      if (earlier) decodeRuns(earlier.runs, labels.length).forEach((v, i) => (labels[i]! |= v));
      masks.set(id, { type: 'mask', id, questionId: question.id, targetId, classCode: code, width: series.columns, height: series.rows, runs: encodeRuns(labels), provenance });
    }
  }
  return ok({ records: [...records, ...masks.values()], refusals });
}
