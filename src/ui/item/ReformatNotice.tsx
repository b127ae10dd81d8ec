import { useMemo } from 'react';
import type { SeriesItem } from '../../core/item';
import type { ReadSlice } from '../../inference/seriesInputs';
import { seriesRegularity, type Irregularity } from '../../core/seriesRegularity';
import { useT } from '../../i18n';
import { Dialog } from '../common/Dialog';
import { oneDecimal } from '../../viewer/oneDecimal';
import type { WindowLevel } from '../../viewer/windowing';
import { ReformatViews } from './ReformatViews';

function Reason({ reason }: { readonly reason: Irregularity }) {
  const t = useT();
  switch (reason.kind) {
    case 'noGeometry':
      return <>{t('reformat.noGeometry')}</>;
    case 'tooFewSlices':
      return <>{t('reformat.tooFewSlices', { count: reason.count })}</>;
    case 'tilted':
      return <>{t('reformat.tilted', { degrees: oneDecimal(reason.degrees) })}</>;
    case 'unevenSpacing':
      return <>{t('reformat.unevenSpacing', { min: oneDecimal(reason.minMm), max: oneDecimal(reason.maxMm) })}</>;
    case 'missingSlices':
      return <>{t('reformat.missingSlices', { after: reason.afterIndices.map((i) => i + 1).join(', ') })}</>;
  }
}

/**
 * Coronal and sagittal reformats: drawn for a regular volume; an irregular one (tilted, unevenly
 * spaced, slices missing) says why a reformat built as a plain grid would mislead.
 */
export function ReformatNotice({
  series,
  readSlice,
  window,
  onClose,
}: {
  readonly series: SeriesItem;
  readonly readSlice: ReadSlice;
  /** The reading window to draw the planes in. */
  readonly window: WindowLevel;
  readonly onClose: () => void;
}) {
  const t = useT();
  const regularity = useMemo(() => seriesRegularity(series.slices.map((slice) => slice.position), series.orientation), [series]);
  return (
    <Dialog title={t('reformat.title')} onClose={onClose} testId="reformat-notice" wide>
      <div data-testid="reformat-regularity" data-regular={regularity.regular}>
        {regularity.regular ? (
          <>
            <p>{t('reformat.regular', { spacing: oneDecimal(regularity.spacingMm) })}</p>
            <ReformatViews series={series} sliceSpacingMm={regularity.spacingMm} readSlice={readSlice} window={window} />
          </>
        ) : (
          <>
            <p>{t('reformat.irregular')}</p>
            <ul>
              {regularity.reasons.map((reason) => (
                <li key={reason.kind} data-testid={`reformat-reason-${reason.kind}`}>
                  <Reason reason={reason} />
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="row end">
        <button type="button" className="primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
