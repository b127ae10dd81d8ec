import { useMemo } from 'react';
import type { SeriesItem } from '../../core/item';
import type { ReadSlice } from '../../inference/seriesInputs';
import { reformatSource, type RegularGrid } from '../../core/regularGrid';
import type { Irregularity } from '../../core/seriesRegularity';
import { useT } from '../../i18n';
import { Dialog } from '../common/Dialog';
import { oneDecimal } from '../../viewer/oneDecimal';
import type { WindowLevel } from '../../viewer/windowing';
import { ChunkGate, type ChunkMessages } from '../../viewer/ChunkGate';
import { lazyChunk } from '../../viewer/lazyChunk';

/**
 * The views pull in Cornerstone (the volume viewport, its render mode): split off, so the entry
 * script every page parses (a slide's first screen waits on it) stays without it.
 */
const reformatViewsChunk = lazyChunk(() => import('./ReformatViews'));
const MESSAGES: ChunkMessages = { loading: 'reformat.viewsLoading', failed: 'viewer.error.chunk', retry: 'viewer.retry' };

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
 * Axial, coronal and sagittal reformats: drawn as acquired for a regular volume; a tilted or unevenly
 * spaced one is resampled onto a regular grid first, and says so (these are not acquired
 * slices); one with slices missing or without geometry says why a reformat would mislead.
 */
export function ReformatNotice({
  series,
  readSlice,
  window,
  sliceIndex,
  onGoToSlice,
  onClose,
}: {
  readonly series: SeriesItem;
  readonly readSlice: ReadSlice;
  /** The reading window to draw the planes in. */
  readonly window: WindowLevel;
  /** The acquired slice on screen (series order). */
  readonly sliceIndex: number;
  /** A pick on a reformat: show this acquired slice in the stack. */
  readonly onGoToSlice: (index: number) => void;
  readonly onClose: () => void;
}) {
  const t = useT();
  const source = useMemo(() => reformatSource(series), [series]);
  const views = (spacingMm: number, grid: RegularGrid | null) => (
    <ChunkGate chunk={reformatViewsChunk} testIdPrefix="reformat-views" messages={MESSAGES}>
      {({ ReformatViews }) => <ReformatViews series={series} sliceSpacingMm={spacingMm} grid={grid} readSlice={readSlice} window={window} sliceIndex={sliceIndex} onGoToSlice={onGoToSlice} />}
    </ChunkGate>
  );
  return (
    <Dialog title={t('reformat.title')} onClose={onClose} testId="reformat-notice" wide>
      <div data-testid="reformat-regularity" data-regular={source.kind === 'asAcquired'} data-source={source.kind}>
        {source.kind === 'asAcquired' && (
          <>
            <p>{t('reformat.regular', { spacing: oneDecimal(source.spacingMm) })}</p>
            {views(source.spacingMm, null)}
          </>
        )}
        {source.kind === 'resampled' && (
          <>
            <p className="reformat-resampled" data-testid="reformat-resampled" data-step-mm={source.grid.stepMm} data-tilt={source.grid.tiltDegrees}>
              {t('reformat.resampled', { tilt: oneDecimal(source.grid.tiltDegrees), min: oneDecimal(source.grid.minStepMm), max: oneDecimal(source.grid.maxStepMm), step: oneDecimal(source.grid.stepMm) })}
            </p>
            {views(source.grid.stepMm, source.grid)}
          </>
        )}
        {source.kind === 'refused' && (
          <>
            <p>{t('reformat.irregular')}</p>
            <ul>
              {source.reasons.map((reason) => (
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
