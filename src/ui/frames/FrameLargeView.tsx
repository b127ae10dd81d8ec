import { useState, type ReactNode, type Ref, type WheelEvent } from 'react';
import { useT } from '../../i18n';
import { useFrameImage } from './useFrameImage';

/** The large view's display settings: zoom factor and CSS brightness/contrast in percent. */
export interface ViewSettings {
  readonly zoom: number;
  readonly brightness: number;
  readonly contrast: number;
}

export const DEFAULT_VIEW: ViewSettings = { zoom: 1, brightness: 100, contrast: 100 };
const ZOOM_STEP = 1.25;
const ZOOM_LIMITS = [0.25, 8] as const;

/** The zoom after `steps` steps in (positive) or out, within the limits. */
export function zoomedBy(zoom: number, steps: number): number {
  return Math.min(ZOOM_LIMITS[1], Math.max(ZOOM_LIMITS[0], zoom * ZOOM_STEP ** steps));
}

/**
 * The current frame at full resolution (fetched by itself, not from the sprites), zoomed and
 * shown with the reader's brightness and contrast; `overlay` is drawn over it (the answers), and
 * `layer` over the whole stage (the regions, which read where the image is through `imageRef`).
 */
export function FrameLargeView({
  itemId,
  targetId,
  frame,
  total,
  view,
  onView,
  onDisplayed,
  overlay,
  layer,
  imageRef,
}: {
  readonly itemId: string;
  readonly targetId: string | undefined;
  readonly frame: number;
  readonly total: number;
  readonly view: ViewSettings;
  readonly onView: (view: ViewSettings) => void;
  /** The frame's image is on screen (null: not yet). */
  readonly onDisplayed: (frame: number | null) => void;
  readonly overlay: ReactNode;
  readonly layer?: ReactNode;
  readonly imageRef?: Ref<HTMLImageElement>;
}) {
  const t = useT();
  const image = useFrameImage(itemId, targetId);
  const [shownFor, setShownFor] = useState<string | null>(null);
  const onWheel = (event: WheelEvent) => onView({ ...view, zoom: zoomedBy(view.zoom, event.deltaY < 0 ? 1 : -1) });
  const loaded = image.status === 'ready' && shownFor === targetId;
  return (
    <section className="frame-large" aria-label={t('frames.largeView')} data-testid="frame-large" data-frame={frame} data-loaded={loaded ? 'true' : 'false'}>
      <div className="frame-large-stage" onWheel={onWheel}>
        {image.status === 'ready' && (
          <img
            ref={imageRef}
            src={image.url}
            alt={t('frames.position', { n: frame + 1, total })}
            style={{ transform: `scale(${view.zoom})`, filter: `brightness(${view.brightness}%) contrast(${view.contrast}%)` }}
            onLoad={() => {
              setShownFor(targetId ?? null);
              onDisplayed(frame);
            }}
          />
        )}
        {image.status === 'loading' && <p className="status-line">{t('frames.loadingFrame')}</p>}
        {image.status === 'error' && <p className="error">{t('frames.frameFailed')}</p>}
        {layer}
        <div className="frame-large-overlay">{overlay}</div>
      </div>
      <div className="frame-large-controls">
        <span data-testid="frame-position">{t('frames.position', { n: frame + 1, total })}</span>
        <label>
          {t('frames.zoom')} <output>{Math.round(view.zoom * 100)}%</output>
        </label>
        <label>
          {t('frames.brightness')}
          <input type="range" min={20} max={300} value={view.brightness} onChange={(e) => onView({ ...view, brightness: Number(e.target.value) })} />
        </label>
        <label>
          {t('frames.contrast')}
          <input type="range" min={20} max={300} value={view.contrast} onChange={(e) => onView({ ...view, contrast: Number(e.target.value) })} />
        </label>
        <button type="button" onClick={() => onView(DEFAULT_VIEW)}>
          {t('frames.resetView')}
        </button>
      </div>
    </section>
  );
}
