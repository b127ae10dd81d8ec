/**
 * The regions of one frame as the overlay draws them: the live shapes of the region question on
 * that frame (read from the store's per-target index, O(records on the frame)), and each outline
 * as an SVG path in image px.
 */
import type { AnnotationRecord, DocumentView, Geometry, Shape } from '../../../core/annotation';
import { isLive } from '../../../core/annotation';
import type { ConfidenceThresholds } from '../../../core/proposalFilter';
import { lookOf } from '../../../viewer/annotation/outlineStyle';
import { outlinePaths } from '../../../viewer/annotation/geometryRings';

/** Whether `record` is a shown region answering `questionId` (rejected proposals are not, nor pending ones under the confidence slider). */
export function isShownRegion(record: AnnotationRecord, questionId: string, thresholds?: ConfidenceThresholds): record is Shape {
  return record.type === 'shape' && record.questionId === questionId && isLive(record) && lookOf(record, thresholds) !== 'hidden';
}

/** Shapes answering `questionId` on `targetId` that are shown (at these thresholds; none given: every pending proposal). */
export function regionsOn(doc: DocumentView, targetId: string, questionId: string, thresholds?: ConfidenceThresholds): Shape[] {
  return doc.recordsAt(targetId).filter((record): record is Shape => isShownRegion(record, questionId, thresholds));
}

const coordinate = (n: number) => String(Math.round(n * 100) / 100);

/** `geometry` as an SVG path (image px): closed rings end in Z, a line in progress stays open. */
export function svgPath(geometry: Geometry): string {
  return outlinePaths(geometry)
    .filter((path) => path.points.length > 0)
    .map(({ points, closed }) => points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${coordinate(x)} ${coordinate(y)}`).join(' ') + (closed ? ' Z' : ''))
    .join(' ');
}
