import { useT } from '../../i18n';
import { scaleBarFor } from './scaleBar';

/** Room the bar may take, CSS px. */
const MAX_BAR_PX = 160;

/** A round length in µm/mm at the current zoom; a sentence instead when the pixel size is unknown. */
export function ScaleBar({ micronsPerPixel, scale }: { readonly micronsPerPixel: number | null; readonly scale: number }) {
  const t = useT();
  if (micronsPerPixel === null) {
    return (
      <div className="slv-scale slv-scale-unknown" data-testid="slide-scale-unknown">
        {t('slide.scaleUnknown')}
      </div>
    );
  }
  const bar = scaleBarFor(micronsPerPixel / scale, MAX_BAR_PX);
  if (!bar) return null;
  return (
    <div className="slv-scale" data-testid="slide-scale-bar" data-microns={bar.microns} aria-label={t('slide.scaleBar', { length: bar.label })}>
      <div className="slv-scale-bar" style={{ width: `${bar.px}px` }} />
      <span>{bar.label}</span>
    </div>
  );
}
