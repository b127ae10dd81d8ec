import type { LabelClass } from '../../core/labelSet';
import { useT } from '../../i18n';
import type { SliceSelection } from '../../store/sliceCursor';
import { LabelStrip } from './LabelStrip';
import type { ProposedCell } from './proposalCells';

/** "Slice n / N", the slider, and the label strip aligned with it. */
export function SliceNavigator({
  count,
  index,
  selection,
  classes,
  proposed,
  onGo,
}: {
  readonly proposed?: readonly (ProposedCell | null)[];
  readonly count: number;
  readonly index: number;
  readonly selection: SliceSelection | null;
  readonly classes: readonly (readonly LabelClass[])[];
  readonly onGo: (index: number, extend: boolean) => void;
}) {
  const t = useT();
  const text = t('slice.position', { n: index + 1, total: count });
  return (
    <div className="slice-navigator">
      <div className="slice-counter" data-testid="slice-counter" data-index={index} aria-live="polite">
        {text}
      </div>
      <div className="slice-track">
        <LabelStrip classes={classes} {...(proposed ? { proposed } : {})} index={index} selection={selection} onSelect={onGo} />
        <input
          type="range"
          className="slice-slider"
          data-testid="slice-slider"
          min={1}
          max={Math.max(count, 1)}
          step={1}
          value={index + 1}
          aria-label={t('slice.slider')}
          aria-valuetext={text}
          onChange={(event) => onGo(Number(event.target.value) - 1, false)}
        />
      </div>
    </div>
  );
}
