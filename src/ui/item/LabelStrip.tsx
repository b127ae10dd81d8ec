import type { MouseEvent } from 'react';
import type { LabelClass } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';
import { targetRange, type SliceSelection } from '../../store/sliceCursor';
import { cellBackground } from './labelColors';
import type { ProposedCell } from './proposalCells';

/**
 * All slices at a glance, one cell each, coloured by class. Click goes to a slice, Shift+click
 * selects a range from the current one. Cells are not tab stops: the slider next to it is.
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
  const [language] = useLanguage();
  const [first, last] = selection ? targetRange({ index, selection }) : [-1, -2];
  return (
    <div className="label-strip" data-testid="label-strip" role="group" aria-label={t('strip.label')}>
      {classes.map((cellClasses, i) => {
        const proposal = cellClasses.length === 0 ? (proposed[i] ?? null) : null;
        const settledNames = cellClasses.map((c) => c.name[language]).join(', ') || t('strip.unlabelled');
        const names = proposal
          ? `${settledNames}, ${t('proposals.strip', { labels: proposal.classes.map((c) => c.name[language]).join(', '), percent: Math.round(proposal.score * 100) })}`
          : settledNames;
        const className = ['strip-cell', i === index ? 'current' : '', i >= first && i <= last ? 'selected' : '', cellClasses.length ? '' : 'empty', proposal ? 'proposed' : '']
          .filter(Boolean)
          .join(' ');
        // A proposal is drawn hollow: its class colour as a dashed outline, not a fill.
        const proposalStyle = proposal ? { borderColor: proposal.classes[0]?.color } : {};
        return (
          <button
            key={i}
            type="button"
            tabIndex={-1}
            className={className}
            style={{ background: cellBackground(cellClasses), ...proposalStyle }}
            data-testid={`strip-cell-${i}`}
            data-classes={cellClasses.map((c) => c.code).join(' ')}
            data-proposed={proposal ? proposal.classes.map((c) => c.code).join(' ') : undefined}
            data-score={proposal ? proposal.score.toFixed(2) : undefined}
            aria-current={i === index ? 'true' : undefined}
            aria-label={t('strip.cell', { n: i + 1, labels: names })}
            title={t('strip.cell', { n: i + 1, labels: names })}
            onClick={(event: MouseEvent) => onSelect(i, event.shiftKey)}
          />
        );
      })}
    </div>
  );
}
