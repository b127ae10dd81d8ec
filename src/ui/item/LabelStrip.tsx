import { memo, useCallback, useRef, type MouseEvent } from 'react';
import type { LabelClass } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';
import { targetRange, type SliceSelection } from '../../store/sliceCursor';
import { cellBackground } from './labelColors';
import type { ProposedCell } from './proposalCells';

/**
 * All slices at a glance, one cell each, coloured by class. Click goes to a slice, Shift+click
 * selects a range from the current one. Cells are not tab stops: the slider next to it is.
 * A step or a label re-renders only the cells it changes (the old and new current one, the one
 * labelled), not every cell.
 */
export function LabelStrip({
  classes,
  proposed = [],
  index,
  selection,
  onSelect,
}: {
  readonly classes: readonly (readonly LabelClass[])[];
  /** Per slice, a pending AI proposal shown (hollow and dashed, with its score); none when absent. */
  readonly proposed?: readonly (ProposedCell | null)[];
  readonly index: number;
  readonly selection: SliceSelection | null;
  readonly onSelect: (index: number, extend: boolean) => void;
}) {
  const t = useT();
  const [first, last] = selection ? targetRange({ index, selection }) : [-1, -2];
  // The parent's callback changes with every render; the cells get one that does not.
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const select = useCallback((i: number, extend: boolean) => onSelectRef.current(i, extend), []);
  return (
    <div className="label-strip" data-testid="label-strip" role="group" aria-label={t('strip.label')}>
      {classes.map((cellClasses, i) => (
        <StripCell
          key={i}
          i={i}
          cellClasses={cellClasses}
          proposal={cellClasses.length === 0 ? (proposed[i] ?? null) : null}
          current={i === index}
          selected={i >= first && i <= last}
          onSelect={select}
        />
      ))}
    </div>
  );
}

interface StripCellProps {
  readonly i: number;
  readonly cellClasses: readonly LabelClass[];
  readonly proposal: ProposedCell | null;
  readonly current: boolean;
  readonly selected: boolean;
  readonly onSelect: (index: number, extend: boolean) => void;
}

const StripCell = memo(function StripCell({ i, cellClasses, proposal, current, selected, onSelect }: StripCellProps) {
  const t = useT();
  const [language] = useLanguage();
  const settledNames = cellClasses.map((c) => c.name[language]).join(', ') || t('strip.unlabelled');
  const names = proposal
    ? `${settledNames}, ${t('proposals.strip', { labels: proposal.classes.map((c) => c.name[language]).join(', '), percent: Math.round(proposal.score * 100) })}`
    : settledNames;
  const className = ['strip-cell', current ? 'current' : '', selected ? 'selected' : '', cellClasses.length ? '' : 'empty', proposal ? 'proposed' : '']
    .filter(Boolean)
    .join(' ');
  // A proposal is drawn hollow: its class colour as a dashed outline, not a fill.
  const proposalStyle = proposal ? { borderColor: proposal.classes[0]?.color } : {};
  const text = t('strip.cell', { n: i + 1, labels: names });
  return (
    <button
      type="button"
      tabIndex={-1}
      className={className}
      style={{ background: cellBackground(cellClasses), ...proposalStyle }}
      data-testid={`strip-cell-${i}`}
      data-classes={cellClasses.map((c) => c.code).join(' ')}
      data-proposed={proposal ? proposal.classes.map((c) => c.code).join(' ') : undefined}
      data-score={proposal ? proposal.score.toFixed(2) : undefined}
      aria-current={current ? 'true' : undefined}
      aria-label={text}
      title={text}
      onClick={(event: MouseEvent) => onSelect(i, event.shiftKey)}
    />
  );
}, sameCell);

/** The cell's classes and proposal are rebuilt on every document change: compared by content. */
function sameCell(a: StripCellProps, b: StripCellProps): boolean {
  return (
    a.i === b.i &&
    a.current === b.current &&
    a.selected === b.selected &&
    a.onSelect === b.onSelect &&
    sameClasses(a.cellClasses, b.cellClasses) &&
    (a.proposal === b.proposal ||
      (a.proposal !== null && b.proposal !== null && a.proposal.id === b.proposal.id && a.proposal.score === b.proposal.score && sameClasses(a.proposal.classes, b.proposal.classes)))
  );
}

function sameClasses(a: readonly LabelClass[], b: readonly LabelClass[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}
