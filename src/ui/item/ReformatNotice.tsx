import { useMemo } from 'react';
import type { SeriesItem } from '../../core/item';
import { seriesRegularity, type Irregularity } from '../../core/seriesRegularity';
import { useT } from '../../i18n';
import { Dialog } from '../common/Dialog';
import { oneDecimal } from '../../viewer/oneDecimal';

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
 * Coronal and sagittal reformats: what the series' geometry allows. Only the check exists yet;
 * a regular volume is named as such, an irregular one says why a reformat would mislead.
 */
export function ReformatNotice({ series, onClose }: { readonly series: SeriesItem; readonly onClose: () => void }) {
  const t = useT();
  const regularity = useMemo(() => seriesRegularity(series.slices.map((slice) => slice.position), series.orientation), [series]);
  return (
    <Dialog title={t('reformat.title')} onClose={onClose} testId="reformat-notice">
      <div data-testid="reformat-regularity" data-regular={regularity.regular}>
        {regularity.regular ? (
          <p>{t('reformat.regular', { spacing: oneDecimal(regularity.spacingMm) })}</p>
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
