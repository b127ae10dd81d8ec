import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { SlideItem } from '../../core/item';
import { useT } from '../../i18n';
import type { ViewerAdapter } from '../adapter';
import { magnificationAt } from './magnification';
import { ScaleBar } from './ScaleBar';
import type { SlideControls } from './slideControls';
import { slideProblem } from './slidePyramid';
import { useSlideTestHook } from './slideTestHook';
import { SlideToolbar } from './SlideToolbar';
import type { LoadTile } from './tileLoadError';
import { FIRST_SCREEN_FALLBACK_MS, useFirstScreen } from '../../offline/firstScreen';
import { useFirstScreenDue } from '../firstScreenDue';
import { useOsdViewer } from './useOsdViewer';
import { useSlideDisplay } from './useSlideDisplay';
import { useStageMemory } from './useStageMemory';
import '../SeriesViewer.css';
import './SlideViewer.css';

/** What the page drives: the adapter for overlays and tools, the view controls for its keys. */
export interface SlideViewerHandle {
  readonly adapter: ViewerAdapter;
  readonly controls: SlideControls;
  toggleFullScreen(): void;
}

export interface SlideViewerProps {
  readonly itemId: string;
  readonly slide: SlideItem;
  /** One tile of our level (0 = full resolution); the page adds auth and the offline cache. */
  readonly loadTile: LoadTile;
  /** Drawn over the slide at the size of the adapter's element (the annotation layer). */
  readonly renderOverlay?: (adapter: ViewerAdapter) => ReactNode;
  /** The viewer's handle once it exists; null when it goes. */
  readonly onHandle?: (handle: SlideViewerHandle | null) => void;
  /**
   * Called once the first screen of tiles is painted (or cannot be: the slide unreadable, tiles
   * failed, FIRST_SCREEN_FALLBACK_MS gone by), when the overlay renders: the page's own heavier
   * parts can start then.
   */
  readonly onFirstScreen?: () => void;
}

/**
 * A whole-slide image in OpenSeadragon: magnification, scale bar, navigator, rotation, full
 * screen. Root attributes for tests: `data-ready` (first full screen of tiles drawn), `data-zoom`
 * (screen px per level-0 px), `data-rotation` (clockwise degrees), `data-microns-per-px`.
 */
export function SlideViewer(props: SlideViewerProps) {
  const problem = slideProblem(props.slide);
  if (problem) return <UnreadableSlide sentence={`slide.unreadable.${problem}`} onShown={props.onFirstScreen} />;
  return <OpenSlide {...props} />;
}

/** Calls `onFirstScreen` (latest given) once, when `due` first holds. */
function useReportFirstScreen(due: boolean, onFirstScreen: (() => void) | undefined): void {
  const latest = useRef(onFirstScreen);
  latest.current = onFirstScreen;
  useEffect(() => {
    if (due) latest.current?.();
  }, [due]);
}

function UnreadableSlide({
  sentence,
  onShown,
}: {
  readonly sentence: 'slide.unreadable.noLevels' | 'slide.unreadable.badTileSize' | 'slide.unreadable.badLevels' | 'slide.openFailed';
  readonly onShown?: () => void;
}) {
  const t = useT();
  useReportFirstScreen(true, onShown);
  return (
    <div className="sv-root slv-root" data-testid="slide-viewer" data-ready="false" data-state="unreadable">
      <div className="sv-error slv-message" role="alert" data-testid="slide-unreadable">
        {t(sentence)}
      </div>
    </div>
  );
}

function OpenSlide({ itemId, slide, loadTile, renderOverlay, onHandle, onFirstScreen }: SlideViewerProps) {
  const t = useT();
  const rootRef = useRef<HTMLDivElement>(null);
  const elementRef = useRef<HTMLDivElement>(null);
  const loadTileRef = useRef(loadTile);
  useLayoutEffect(() => {
    loadTileRef.current = loadTile;
  }, [loadTile]);

  const handle = useOsdViewer(elementRef, itemId, slide, loadTileRef);
  useStageMemory(rootRef, elementRef);
  const display = useSlideDisplay(handle);
  useFirstScreen(display.ready);
  useSlideTestHook(handle);
  const failedCount = display.failed.offline + display.failed.server + display.failed.rebuilt;
  // The overlay (and what the page holds back with it) waits for the tiles' first paint: rendered
  // with them, it held their draw back (see firstScreenDue.ts).
  const overlayDue = useFirstScreenDue(display.ready || failedCount > 0, FIRST_SCREEN_FALLBACK_MS);
  useReportFirstScreen(overlayDue, onFirstScreen);

  const [fullScreen, setFullScreen] = useState(false);
  useEffect(() => {
    const onChange = () => setFullScreen(document.fullscreenElement === rootRef.current && rootRef.current !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const toggleFullScreen = useCallback(() => {
    const root = rootRef.current;
    if (!root) return;
    // Refused without a user gesture or by policy: the view simply stays as it is.
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void root.requestFullscreen().catch(() => undefined);
  }, []);

  const onHandleRef = useRef(onHandle);
  onHandleRef.current = onHandle;
  useEffect(() => {
    if (!handle) return;
    onHandleRef.current?.({ adapter: handle.adapter, controls: handle.controls, toggleFullScreen });
    return () => onHandleRef.current?.(null);
  }, [handle, toggleFullScreen]);

  if (display.openFailed) return <UnreadableSlide sentence="slide.openFailed" onShown={onFirstScreen} />;

  const base = handle?.controls.base ?? null;
  const magnification = base === null ? null : magnificationAt(display.scale, base);
  const micronsPerPixel = slide.micronsPerPixel?.[0] ?? null;
  return (
    <div
      ref={rootRef}
      className="sv-root slv-root"
      data-testid="slide-viewer"
      data-ready={display.ready ? 'true' : 'false'}
      data-zoom={display.scale}
      data-rotation={display.rotation}
      data-microns-per-px={micronsPerPixel ?? ''}
      data-magnification={magnification ?? ''}
    >
      <SlideToolbar
        controls={handle?.controls ?? null}
        magnification={magnification}
        scale={display.scale}
        rotation={display.rotation}
        fullScreen={fullScreen}
        onFullScreen={toggleFullScreen}
      />
      <div className="sv-stage">
        <div ref={elementRef} className="slv-viewport" data-testid="slide-viewport" />
        {handle && renderOverlay && overlayDue && <div className="slv-overlay">{renderOverlay(handle.adapter)}</div>}
        <ScaleBar micronsPerPixel={micronsPerPixel} scale={display.scale} />
        {!display.ready && failedCount === 0 && (
          <div className="sv-loading" role="status" data-testid="slide-loading">
            <span className="sv-spinner" aria-hidden="true" />
            {t('slide.loading')}
          </div>
        )}
        {failedCount > 0 && (
          <div className="slv-notice" role="alert" data-testid="slide-tiles-failed" data-offline={display.failed.offline} data-server={display.failed.server} data-rebuilt={display.failed.rebuilt}>
            {display.failed.offline > 0 && <span>{t('slide.tilesFailed.offline', { n: display.failed.offline })}</span>}
            {display.failed.server > 0 && <span>{t('slide.tilesFailed.server', { n: display.failed.server })}</span>}
            {display.failed.rebuilt > 0 && <span>{t('slide.tilesFailed.rebuilt')}</span>}
            <button type="button" className="sv-button" data-testid="slide-tiles-retry" onClick={display.retry}>
              {t('slide.retry')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
