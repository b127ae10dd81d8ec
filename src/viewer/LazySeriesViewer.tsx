import { useT } from '../i18n';
import { lazyChunk, useLazyChunk } from './lazyChunk';
import type { SeriesViewerProps } from './SeriesViewer';

/**
 * The viewer's chunk (Cornerstone, codecs: several MB) loads only when a series is opened, so the
 * login and list screens never parse it. Call `preloadSeriesViewer()` early (e.g. when a list
 * shows an item) to have it ready by the time the user opens one.
 */
const seriesViewerChunk = lazyChunk(() => import('./SeriesViewer'));

export const preloadSeriesViewer = () => seriesViewerChunk.preload();

export function LazySeriesViewer(props: SeriesViewerProps) {
  const t = useT();
  const { module, failed, retry } = useLazyChunk(seriesViewerChunk);
  if (failed) {
    return (
      <div className="sv-fallback" data-testid="series-viewer-chunk-error" role="alert">
        <p>{t('viewer.error.chunk')}</p>
        <button type="button" onClick={retry}>
          {t('viewer.retry')}
        </button>
      </div>
    );
  }
  if (!module) {
    return (
      <div className="sv-fallback" data-testid="series-viewer-loading" role="status">
        {t('viewer.loading')}
      </div>
    );
  }
  const { SeriesViewer } = module;
  return <SeriesViewer {...props} />;
}

export type { SeriesViewerProps };
