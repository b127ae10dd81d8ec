import { useMemo } from 'react';
import { isLive, type Mask } from '../../../core/annotation';
import type { SeriesItem, SliceRef } from '../../../core/item';
import { interpolationCommand } from '../../../core/masks/interpolation';
import { voxelSizeOf } from '../../../core/masks/volumeStats';
import type { ReadSlice } from '../../../inference/seriesInputs';
import { isEditable, type OpenItem } from '../../../store';
import type { CommandOutcome } from '../../../store/openItemSlice';
import type { ToolCommand } from '../../../core/tools/tool';
import type { ViewerAdapter } from '../../../viewer/adapter';
import type { MaskDrawing } from '../../../viewer/mask/MaskLayer';
import { useMaskEditing, type MaskEditing } from './useMaskEditing';
import { useSegmentVolumes, type SegmentFigures } from './useSegmentVolumes';

export interface Segmentation {
  readonly editing: MaskEditing;
  readonly figures: ReadonlyMap<string, SegmentFigures>;
  /** The visible segments' masks on the slice on screen. */
  readonly masks: readonly MaskDrawing[];
  readonly size: { readonly width: number; readonly height: number };
  interpolate(): boolean;
}

/** Everything the CT reading room needs for masks: editing, the overlay's masks, volumes, interpolation. Null without a mask question. */
export function useSegmentation(
  open: OpenItem,
  series: SeriesItem | null,
  slices: readonly SliceRef[],
  adapter: ViewerAdapter | null,
  readSlice: ReadSlice,
  runCommands: (commands: readonly ToolCommand[]) => CommandOutcome,
): Segmentation | null {
  const question = useMemo(() => (series ? (open.detail?.labelSet.questions.find((q) => q.target === 'region') ?? null) : null), [open.detail, series]);
  const size = useMemo(() => (series ? { width: series.columns, height: series.rows } : null), [series]);
  const voxel = useMemo(() => voxelSizeOf(series), [series]);
  const slice = slices[open.sliceIndex] ?? null;
  const huSource = { slice, displayed: open.displayedIndex === open.sliceIndex, readSlice };
  const editing = useMaskEditing({ question, document: open.document, adapter, size, huSource, editable: isEditable(open), runCommands: (commands) => void runCommands(commands) });
  const figures = useSegmentVolumes(open.document, question, slices, readSlice, voxel, adapter !== null);
  const targetId = slice?.targetId ?? null;
  const { document, changes, targetIds } = open;
  const masks = useMemo((): MaskDrawing[] => {
    if (!question || !document || targetId === null || !editing) return [];
    return document
      .recordsAt(targetId)
      .filter((r): r is Mask => r.type === 'mask' && r.questionId === question.id && isLive(r))
      .flatMap((mask) => {
        const segment = question.classes.find((c) => c.code === mask.classCode);
        const display = editing.display(mask.classCode);
        if (!segment || !display.visible) return [];
        return [{ classCode: mask.classCode, width: mask.width, height: mask.height, runs: mask.runs, color: segment.color, opacity: display.opacity }];
      });
    // `document` changes in place; `changes` says when.
  }, [question, document, changes, targetId, editing]);
  if (!editing || !size || !question) return null;
  return {
    editing,
    figures,
    masks,
    size,
    interpolate() {
      if (!document) return false;
      const command = interpolationCommand(document, question.id, editing.classCode, targetIds, size);
      return command !== null && runCommands([command]).kind === 'done';
    },
  };
}
