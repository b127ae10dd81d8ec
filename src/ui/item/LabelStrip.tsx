import type { MouseEvent } from 'react';
import type { LabelClass } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';
import { targetRange, type SliceSelection } from '../../store/sliceCursor';
import { cellBackground } from './labelColors';

/**
 * All slices at a glance, one cell each, coloured by class. Click goes to a slice, Shift+click
 * selects a range from the current one. Cells are not tab stops: the slider next to it is.
 */
export function LabelStrip({
  classes,
  index,
  selection,
  onSelect,
}: {
  readonly classes: readonly (readonly LabelClass[])[];
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
        const names = cellClasses.map((c) => c.name[language]).join(', ') || t('strip.unlabelled');
        const className = ['strip-cell', i === index ? 'current' : '', i >= first && i <= last ? 'selected' : '', cellClasses.length ? '' : 'empty']
          .filter(Boolean)
          .join(' ');
        return (
          <button
            key={i}
            type="button"
            tabIndex={-1}
            className={className}
            style={{ background: cellBackground(cellClasses) }}
            data-testid={`strip-cell-${i}`}
            data-classes={cellClasses.map((c) => c.code).join(' ')}
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
