import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import type { SeriesViewerProps } from './SeriesViewer';

/**
 * The viewer's chunk (Cornerstone, codecs: several MB) loads only when a series is opened, so the
 * login and list screens never parse it. Call `preloadSeriesViewer()` early (e.g. when a list
 * shows an item) to have it ready by the time the user opens one.
 */
const loadViewerModule = () => import('./SeriesViewer');
type ViewerModule = Awaited<ReturnType<typeof loadViewerModule>>;

let viewerModule: Promise<ViewerModule> | null = null;
/** Set once the chunk is evaluated, so a viewer mounted later renders at once, without a fallback. */
let loadedModule: ViewerModule | null = null;

export function preloadSeriesViewer(): Promise<ViewerModule> {
  viewerModule ??= loadViewerModule().then(
    (module) => (loadedModule = module),
    (error: unknown) => {
      viewerModule = null; // offline without a cached chunk: a later attempt may succeed
      throw error;
    },
  );
  return viewerModule;
}

function ViewerFallback() {
  const t = useT();
  return (
    <div className="sv-fallback" data-testid="series-viewer-loading" role="status">
      {t('viewer.loading')}
    </div>
  );
}

function ViewerChunkError({ onRetry }: { readonly onRetry: () => void }) {
  const t = useT();
  return (
    <div className="sv-fallback" data-testid="series-viewer-chunk-error" role="alert">
      <p>{t('viewer.error.chunk')}</p>
      <button type="button" onClick={onRetry}>
        {t('viewer.retry')}
      </button>
    </div>
  );
}

/**
 * Not `React.lazy` + `Suspense`: React holds back a Suspense retry until 300 ms after the last
 * fallback was shown, which delayed the first slice by up to 300 ms after the chunk was already
 * evaluated. A plain state update when the chunk arrives commits at once.
 */
export function LazySeriesViewer(props: SeriesViewerProps) {
  const [module, setModule] = useState(loadedModule);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (module) return;
    let live = true;
    preloadSeriesViewer().then(
      (loaded) => live && setModule(loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [module, attempt]);

  if (failed) {
    const retry = () => {
      setFailed(false);
      setAttempt((n) => n + 1);
    };
    return <ViewerChunkError onRetry={retry} />;
  }
  if (!module) return <ViewerFallback />;
  const { SeriesViewer } = module;
  return <SeriesViewer {...props} />;
}

export type { SeriesViewerProps };
