/**
 * The regions a slide's handed-in readers differ on, for the reviewer's differences list: per
 * differing region unit (`targetId/classCode`), each reader's outlined area and the box around
 * every reader's outlines of that class there, read from the readers' records (image px, origin
 * top-left; level-0 px on a slide). The viewer zooms to the box; a return comment is pinned to it.
 */
import type { DifferingUnit } from '../agreement';
import { outlinedArea, outlineOverlap } from '../agreement/outlineOverlap';
import type { AnnotationRecord, Geometry } from '../annotation';
import { geometryBounds, type Box } from '../bounds';
import { unionBoxes } from './regionBoxes';

export interface ReaderArea {
  readonly readerId: string;
  /** Area of the union of the reader's outlines of the class, image px² (0: drew none). */
  readonly area: number;
}

export interface RegionDifference {
  readonly questionId: string;
  /** `targetId/classCode`, as the difference names it. */
  readonly targetKey: string;
  readonly targetId: string;
  readonly classCode: string;
  /** Every reader of the difference, in its order. */
  readonly readers: readonly ReaderArea[];
  /** Around every reader's outlines of the class on the target; null when none has a place (masks only). */
  readonly bounds: Box | null;
}

/** The target and class a region unit names, or null for a slice, frame or per-item unit. */
export function regionUnit(targetKey: string): { readonly targetId: string; readonly classCode: string } | null {
  const slash = targetKey.indexOf('/');
  return slash > 0 && slash < targetKey.length - 1 ? { targetId: targetKey.slice(0, slash), classCode: targetKey.slice(slash + 1) } : null;
}

/**
 * The region units of `differences`, in their order. `recordsOf` answers a reader's records (the
 * same every reader's difference is computed from). O(records × region units).
 */
export function regionDifferences(differences: readonly DifferingUnit[], recordsOf: (readerId: string) => readonly AnnotationRecord[]): RegionDifference[] {
  return differences.flatMap((difference) => {
    const unit = regionUnit(difference.targetKey);
    if (!unit) return [];
    const boxes: Box[] = [];
    const readers = difference.answers.map(({ readerId }) => {
      const geometries: Geometry[] = [];
      for (const record of recordsOf(readerId)) {
        if (record.type !== 'shape' || record.questionId !== difference.questionId || record.targetId !== unit.targetId || record.classCode !== unit.classCode) continue;
        geometries.push(record.geometry);
        boxes.push(geometryBounds(record.geometry));
      }
      // United with itself, as the agreement measures it: overlapping outlines of one reader count once.
      return { readerId, area: geometries.length > 0 ? outlineOverlap(outlinedArea(geometries), []).sizeA : 0 };
    });
    return [{ questionId: difference.questionId, targetKey: difference.targetKey, ...unit, readers, bounds: unionBoxes(boxes) }];
  });
}
