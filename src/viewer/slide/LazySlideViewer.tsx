import { useT } from '../../i18n';
import { lazyChunk, useLazyChunk } from '../lazyChunk';
import type { SlideViewerHandle, SlideViewerProps } from './SlideViewer';

/**
 * OpenSeadragon loads only when a slide is opened: its chunk stays out of the CT reader and the
 * list screens, as Cornerstone stays out of this one.
 */
const slideViewerChunk = lazyChunk(() => import('./SlideViewer'));

export const preloadSlideViewer = () => slideViewerChunk.preload();

export function LazySlideViewer(props: SlideViewerProps) {
  const t = useT();
  const { module, failed, retry } = useLazyChunk(slideViewerChunk);
  if (failed) {
    return (
      <div className="sv-fallback" data-testid="slide-viewer-chunk-error" role="alert">
        <p>{t('slide.chunkError')}</p>
        <button type="button" onClick={retry}>
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
