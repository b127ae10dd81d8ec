import { useT } from '../../i18n';
import { formatMagnification } from './magnification';
import type { SlideControls } from './slideControls';

interface Props {
  readonly controls: SlideControls | null;
  /** Magnification on screen, null when unknown. */
  readonly magnification: number | null;
  /** Screen px per level-0 px (shown as a percentage when the magnification is unknown). */
  readonly scale: number;
  readonly rotation: number;
  readonly fullScreen: boolean;
  readonly onFullScreen: () => void;
}

/** Magnification readout and steps, zoom, rotation (quarter turns and free), home, full screen. */
export function SlideToolbar({ controls, magnification, scale, rotation, fullScreen, onFullScreen }: Props) {
  const t = useT();
  const steps = controls?.steps ?? [];
  const current = magnification === null ? '' : String(steps.find((step) => Math.abs(step - magnification) < step * 1e-3) ?? '');
  return (
    <div className="sv-toolbar slv-toolbar" role="toolbar" aria-label={t('slide.toolbar')}>
      {magnification === null ? (
        <span className="slv-readout" data-testid="slide-magnification" title={t('slide.magnification.unknown')}>
          {t('slide.zoom', { percent: Math.round(scale * 100) })}
        </span>
      ) : (
        <span className="slv-readout" data-testid="slide-magnification" aria-label={t('slide.magnification')}>
          {formatMagnification(magnification)}
        </span>
      )}
      <button type="button" className="sv-button" data-testid="slide-zoom-out" aria-keyshortcuts="-" title={t('slide.zoomOut')} aria-label={t('slide.zoomOut')} disabled={!controls} onClick={() => controls?.step(-1)}>
        −
      </button>
      <button type="button" className="sv-button" data-testid="slide-zoom-in" aria-keyshortcuts="+" title={t('slide.zoomIn')} aria-label={t('slide.zoomIn')} disabled={!controls} onClick={() => controls?.step(1)}>
        +
      </button>
      {steps.length > 0 && (
        <select
          className="slv-select"
          data-testid="slide-magnification-steps"
          aria-label={t('slide.magnification.choose')}
          value={current}
          onChange={(event) => event.target.value && controls?.goToMagnification(Number(event.target.value))}
        >
          <option value="">{t('slide.magnification')}</option>
          {steps.map((step, n) => (
            <option key={step} value={String(step)}>
              {`${formatMagnification(step)} (Shift+${n + 1})`}
            </option>
          ))}
        </select>
      )}
      <button type="button" className="sv-button" data-testid="slide-home" aria-keyshortcuts="0" title={t('slide.home')} disabled={!controls} onClick={() => controls?.home()}>
        {t('slide.home')}
      </button>
      <span className="slv-divider" aria-hidden="true" />
      <button type="button" className="sv-button" data-testid="slide-rotate-left" aria-keyshortcuts="Shift+R" title={t('slide.rotateLeft')} aria-label={t('slide.rotateLeft')} disabled={!controls} onClick={() => controls?.rotateBy(-90)}>
        ⟲
      </button>
      <button type="button" className="sv-button" data-testid="slide-rotate-right" aria-keyshortcuts="R" title={t('slide.rotateRight')} aria-label={t('slide.rotateRight')} disabled={!controls} onClick={() => controls?.rotateBy(90)}>
        ⟳
      </button>
      <input
        type="range"
        className="slv-rotation"
        data-testid="slide-rotation"
        min={0}
        max={359}
        step={1}
        value={Math.round(rotation) % 360}
        aria-label={t('slide.rotationFree')}
        aria-valuetext={t('slide.rotation', { degrees: Math.round(rotation) % 360 })}
        disabled={!controls}
        onChange={(event) => controls?.setRotation(Number(event.target.value))}
      />
      <span className="slv-readout">{t('slide.rotation', { degrees: Math.round(rotation) % 360 })}</span>
      <span className="slv-spacer" />
      <button type="button" className="sv-button" data-testid="slide-full-screen" aria-keyshortcuts="F" aria-pressed={fullScreen} onClick={onFullScreen}>
        {t(fullScreen ? 'slide.exitFullScreen' : 'slide.fullScreen')}
      </button>
    </div>
  );
}
