/**
 * Volume (ml) and mean density (HU) of each segment of a region question's masks, for an SR's
 * volumetric measurements: summed exactly as the reading room sums them (masks/volumeStats.ts),
 * and numbered as the SEG of the same masks numbers its segments.
 */
import type { Mask } from '../../annotation';
import type { LabelClass, Question } from '../../labelSet';
import { slicePartial, VolumeStats, type VoxelSize } from '../../masks/volumeStats';
import { segmentClasses } from '../seg/segExport';

export interface SegmentFigure {
  /** The region question whose class it is. */
  readonly questionId: string;
  readonly labelClass: LabelClass;
  /** Its segment's number in the SEG of these masks. */
  readonly segmentNumber: number;
  readonly volumeMl: number;
  /** Null when a slice under the segment could not be read in HU. */
  readonly meanHu: number | null;
  /** The slices its masks are on. */
  readonly targetIds: readonly string[];
}

/**
 * The figures of every class of `question` with a non-empty mask. `huOf` gives a slice's HU,
 * row-major (null: unreadable, e.g. compressed pixels the caller cannot decode); it is asked
 * about each mask's slice, and may answer null where that mask is empty (it counts nothing).
 */
export function segmentFigures(
  question: Question,
  masks: readonly Mask[],
  voxel: VoxelSize,
  huOf: (targetId: string) => ArrayLike<number> | null,
): SegmentFigure[] {
  const stats = new VolumeStats();
  const withoutHu = new Set<string>();
  const targets = new Map<string, string[]>();
  for (const mask of masks) {
    if (mask.questionId !== question.id) continue;
    const hu = huOf(mask.targetId);
    // Without HU the pixels still count towards the volume: zeros stand in for the unread values.
    const partial = slicePartial(mask.runs, hu ?? new Float32Array(mask.width * mask.height));
    stats.set(mask.classCode, mask.targetId, partial);
    if (partial.pixels === 0) continue;
    if (!hu) withoutHu.add(mask.classCode);
    const slices = targets.get(mask.classCode) ?? [];
    slices.push(mask.targetId);
    targets.set(mask.classCode, slices);
  }
  const drawn = new Set(question.classes.filter((c) => stats.stats(c.code, voxel).pixels > 0).map((c) => c.code));
  return segmentClasses(question, drawn).map((labelClass, i) => {
    const figures = stats.stats(labelClass.code, voxel);
    return {
      questionId: question.id,
      labelClass,
      segmentNumber: i + 1,
      volumeMl: figures.volumeMl,
      meanHu: withoutHu.has(labelClass.code) ? null : figures.meanHu,
      targetIds: targets.get(labelClass.code) ?? [],
    };
  });
}
