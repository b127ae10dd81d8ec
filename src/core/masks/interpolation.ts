/**
 * The interpolate action of the segmentation panel: the slices of one segment lying between two
 * outlined slices, filled by shape-based interpolation (interpolate.ts), as one command.
 */
import { isLive, type DocumentView, type Mask } from '../annotation';
import { countSet, encodeRuns } from '../mask';
import type { ToolCommand } from '../tools/tool';
import { interpolateGaps } from './interpolate';
import { labelmapOf, type SliceSize } from './labelmap';

/** The live mask of `classCode` for `questionId` on `targetId`, if any. */
export function maskAt(doc: DocumentView, questionId: string, targetId: string, classCode: string): Mask | undefined {
  return doc.recordsAt(targetId).find((r): r is Mask => r.type === 'mask' && r.questionId === questionId && r.classCode === classCode && isLive(r));
}

/**
 * The `mask/setMany` filling every gap of empty slices between outlined slices of the segment
 * (`targetIds` in the series' order), or null when there is no gap to fill. Reads the outlined
 * slices' runs only: O(outlined slices) decodes.
 */
export function interpolationCommand(doc: DocumentView, questionId: string, classCode: string, targetIds: readonly string[], size: SliceSize): ToolCommand | null {
  const outlined = new Map<number, Uint8Array>();
  targetIds.forEach((targetId, index) => {
    const mask = maskAt(doc, questionId, targetId, classCode);
    if (mask && countSet(mask.runs) > 0) outlined.set(index, labelmapOf(mask.runs, size));
  });
  const slices = [...interpolateGaps(outlined, size)]
    .map(([index, labels]) => ({ targetId: targetIds[index]!, runs: encodeRuns(labels) }))
    .filter((slice) => countSet(slice.runs) > 0);
  if (slices.length === 0) return null;
  return { name: 'mask/setMany', params: { questionId, classCode, width: size.width, height: size.height, slices } };
}
