import { lazy, Suspense } from 'react';
import { useT } from '../i18n';
import type { SeriesViewerProps } from './SeriesViewer';

/**
 * The viewer's chunk (Cornerstone, codecs: several MB) loads only when a series is opened, so the
 * login and list screens never parse it. Call `preloadSeriesViewer()` early (e.g. when a list
 * shows an item) to have it ready by the time the user opens one.
 */
const loadViewerModule = () => import('./SeriesViewer');

let viewerModule: ReturnType<typeof loadViewerModule> | null = null;
export function preloadSeriesViewer(): ReturnType<typeof loadViewerModule> {
  viewerModule ??= loadViewerModule();
  return viewerModule;
}

const SeriesViewerChunk = lazy(() =>
  preloadSeriesViewer().then((module) => ({ default: module.SeriesViewer })),
);

function ViewerFallback() {
  const t = useT();
  return (
    <div className="sv-fallback" data-testid="series-viewer-loading" role="status">
      {t('viewer.loading')}
    </div>
  );
}

export function LazySeriesViewer(props: SeriesViewerProps) {
  return (
    <Suspense fallback={<ViewerFallback />}>
      <SeriesViewerChunk {...props} />
    </Suspense>
  );
}

export type { SeriesViewerProps };
