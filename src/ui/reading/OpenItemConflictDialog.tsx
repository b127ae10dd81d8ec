import type { LabelClass, Question } from '../../core/labelSet';
import type { AppState, OpenItem } from '../../store';
import { ConflictDialog } from '../item/ConflictDialog';

/** The conflict dialog over the open item's conflicts, as a reading page shows it. */
export function OpenItemConflictDialog({
  open,
  question,
  regionClasses,
  onResolve,
  onLater,
}: {
  readonly open: OpenItem;
  readonly question: Question;
  /** The label set's outline classes, where the page has outlines. */
  readonly regionClasses?: readonly LabelClass[];
  readonly onResolve: AppState['resolveConflicts'];
  readonly onLater: () => void;
}) {
  return <ConflictDialog question={question} regionClasses={regionClasses} targetIds={open.targetIds} conflicts={open.conflicts} onResolve={onResolve} onLater={onLater} />;
}
