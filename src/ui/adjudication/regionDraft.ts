/**
 * The lead's draft of a region unit (level-0 px of the slide): which reader shapes make a unit,
 * a draft started from one reader's (each copied as a polygon of the lead's own), and the
 * polygons a draft hands to the decision. Pure, so the editor's wiring stays thin.
 */
import type { AnnotationRecord, Geometry, Provenance, Shape } from '../../core/annotation';
import { isLive } from '../../core/annotation';
import { geometryPolygons } from '../../core/geometry/rings';
import { regionUnit } from '../../core/review/regionDifferences';

/** A unit as its key names it: its question and `targetId/classCode`. */
export interface RegionUnitKey {
  readonly questionId: string;
  readonly targetKey: string;
}

/** Largest gap, level-0 px, between an ellipse and the ring a draft turns it into. */
const RING_ERROR = 1;

/** The live shapes of `records` that answer the unit: its question, target and class. */
export function unitShapes(records: readonly AnnotationRecord[], unit: RegionUnitKey): Shape[] {
  const region = regionUnit(unit.targetKey);
  if (!region) return [];
  return records.filter((r): r is Shape => r.type === 'shape' && isLive(r) && r.questionId === unit.questionId && r.targetId === region.targetId && r.classCode === region.classCode);
}

/** Every area of `geometries` as one polygon each (a multiPolygon's parts apart; points and lines have none). */
export function asPolygons(geometries: readonly Geometry[]): Geometry[] {
  return geometries.flatMap((geometry) => (geometryPolygons(geometry, RING_ERROR) ?? []).map((rings): Geometry => ({ type: 'polygon', ...rings })));
}

/** The draft's first records: `shapes` (a reader's, or none to draw anew) as the lead's polygons, ids `draft-1`, `draft-2`, … */
export function draftRecords(unit: RegionUnitKey, shapes: readonly Shape[], provenance: Provenance): Shape[] {
  const region = regionUnit(unit.targetKey);
  if (!region) return [];
  return asPolygons(shapes.map((s) => s.geometry)).map((geometry, index) => ({
    type: 'shape',
    id: `draft-${index + 1}`,
    questionId: unit.questionId,
    targetId: region.targetId,
    classCode: region.classCode,
    geometry,
    provenance,
  }));
}

/** What the draft settles the unit with: its shapes of the unit, as polygons in id order (stable across saves). */
export function draftGeometries(records: readonly AnnotationRecord[], unit: RegionUnitKey): Geometry[] {
  const shapes = unitShapes(records, unit).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return asPolygons(shapes.map((s) => s.geometry));
}
