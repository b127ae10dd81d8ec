import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import type { SlideViewerHandle, SlideViewerProps } from './SlideViewer';

/**
 * OpenSeadragon loads only when a slide is opened: its chunk stays out of the CT reader and the
 * list screens, as Cornerstone stays out of this one (see LazySeriesViewer, whose plain-state
 * loading this copies for the same reason: no Suspense retry delay).
 */
const loadViewerModule = () => import('./SlideViewer');
type ViewerModule = Awaited<ReturnType<typeof loadViewerModule>>;

let viewerModule: Promise<ViewerModule> | null = null;
let loadedModule: ViewerModule | null = null;

export function preloadSlideViewer(): Promise<ViewerModule> {
  viewerModule ??= loadViewerModule().then(
    (module) => (loadedModule = module),
    (error: unknown) => {
      viewerModule = null; // offline without a cached chunk: a later attempt may succeed
      throw error;
    },
  );
  return viewerModule;
}

export function LazySlideViewer(props: SlideViewerProps) {
  const t = useT();
  const [module, setModule] = useState(loadedModule);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (module) return;
    let live = true;
    preloadSlideViewer().then(
      (loaded) => live && setModule(loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [module, attempt]);

  if (failed) {
    return (
      <div className="sv-fallback" data-testid="slide-viewer-chunk-error" role="alert">
        <p>{t('slide.chunkError')}</p>
        <button
          type="button"
          onClick={() => {
            setFailed(false);
            setAttempt((n) => n + 1);
          }}
        >
          {t('slide.retry')}
        </button>
      </div>
    );
  }
  if (!module) {
    return (
      <div className="sv-fallback" data-testid="slide-viewer-loading" role="status">
        {t('slide.loading')}
      </div>
    );
  }
  const { SlideViewer } = module;
  return <SlideViewer {...props} />;
}

export type { SlideViewerHandle, SlideViewerProps };
