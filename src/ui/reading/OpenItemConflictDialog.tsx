import type { LabelClass, Question } from '../../core/labelSet';
import type { AppState, OpenItem } from '../../store';
import { ConflictDialog } from '../item/ConflictDialog';

/** The conflict dialog over the open item's conflicts, as a reading page shows it. */
export function OpenItemConflictDialog({
  open,
  question,
  regionClasses,
  micronsPerPixel,
  onResolve,
  onLater,
}: {
  readonly open: OpenItem;
  readonly question: Question;
  /** The label set's outline classes, where the page has outlines. */
  readonly regionClasses?: readonly LabelClass[];
  /** The slide's µm per level-0 px, so outline differences read in µm; absent on other pages. */
  readonly micronsPerPixel?: readonly [number, number] | null;
  readonly onResolve: AppState['resolveConflicts'];
  readonly onLater: () => void;
}) {
  return <ConflictDialog question={question} regionClasses={regionClasses} micronsPerPixel={micronsPerPixel} targetIds={open.targetIds} conflicts={open.conflicts} onResolve={onResolve} onLater={onLater} />;
}
