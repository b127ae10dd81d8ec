import { useState } from 'react';
import { useLanguage, useT } from '../../../i18n';
import { MASK_TOOLS } from '../../../core/masks/tools';
import type { SegmentFigures } from './useSegmentVolumes';
import type { MaskEditing } from './useMaskEditing';
import './SegmentationPanel.css';

/**
 * The segments of the label set's mask question as OHIF's segmentation panel shows them (colour,
 * visibility, opacity, live volume and mean HU; a click makes one the segment painted), the mask
 * tools with their keys, the HU range of the threshold tools, and interpolation.
 */
export function SegmentationPanel({
  editing,
  figures,
  disabled,
  onInterpolate,
}: {
  readonly editing: MaskEditing;
  readonly figures: ReadonlyMap<string, SegmentFigures>;
  readonly disabled: boolean;
  /** Fills the slices between outlined slices of the active segment; false when there was nothing to fill. */
  readonly onInterpolate: () => boolean;
}) {
  const t = useT();
  const [language] = useLanguage();
  const [nothing, setNothing] = useState(false);
  const [lo, hi] = editing.huRange;
  return (
    <section className="segmentation-panel" data-testid="segmentation-panel" aria-label={t('segmentation.title')}>
      <h2>{editing.question.name[language]}</h2>
      <div className="segmentation-tools" role="toolbar" aria-label={t('segmentation.tools')}>
        {MASK_TOOLS.map((tool) => (
          <button
            key={tool.id}
            type="button"
            className="sv-button"
            data-testid={`mask-tool-${tool.id}`}
            aria-pressed={editing.toolId === tool.id}
            disabled={disabled}
            title={t('reading.keyHint', { key: tool.key.toUpperCase() })}
            onClick={() => editing.setTool(editing.toolId === tool.id ? null : tool.id)}
          >
            {t(tool.messageKey)} <kbd>{tool.key.toUpperCase()}</kbd>
          </button>
        ))}
      </div>
      <fieldset className="segmentation-range">
        <legend>{t('segmentation.huRange')}</legend>
        <input type="number" aria-label={t('segmentation.huLow')} data-testid="mask-hu-low" value={lo} onChange={(event) => editing.setHuRange([Number(event.target.value), hi])} />
        <span aria-hidden="true">–</span>
        <input type="number" aria-label={t('segmentation.huHigh')} data-testid="mask-hu-high" value={hi} onChange={(event) => editing.setHuRange([lo, Number(event.target.value)])} />
      </fieldset>
      {editing.radius !== null && <p className="muted small">{t('segmentation.radius', { r: editing.radius.toFixed(1) })}</p>}
      <h3>{t('segmentation.segments')}</h3>
      <ul className="segment-list">
        {editing.question.classes.map((segment) => {
          const display = editing.display(segment.code);
          const figure = figures.get(segment.code);
          const name = segment.name[language];
          const ml = figure?.stats.volumeMl ?? 0;
          return (
            <li key={segment.code} data-testid={`segment-${segment.code}`} data-active={editing.classCode === segment.code} aria-current={editing.classCode === segment.code}>
              <input type="checkbox" aria-label={t('segmentation.visible', { name })} checked={display.visible} onChange={(event) => editing.setDisplay(segment.code, { ...display, visible: event.target.checked })} />
              <button type="button" className="segment-name" onClick={() => editing.setClass(segment.code)}>
                <span className="swatch" style={{ background: segment.color }} aria-hidden="true" />
                {name}
              </button>
              <input
                type="range"
                min={0}
                max={1}
                step={0.05}
                aria-label={t('segmentation.opacity', { name })}
                value={display.opacity}
                onChange={(event) => editing.setDisplay(segment.code, { ...display, opacity: Number(event.target.value) })}
              />
              <span
                className="segment-volume"
                data-testid={`segment-volume-${segment.code}`}
                data-ml={ml}
                data-pixels={figure?.stats.pixels ?? 0}
                data-mean-hu={figure?.stats.meanHu ?? ''}
                data-pending={figure?.pending ? 'true' : 'false'}
              >
                {figure?.pending
                  ? t('segmentation.measuring')
                  : figure && figure.stats.pixels > 0
                    ? `${t('segmentation.volume', { ml: ml.toFixed(2) })}, ${t('segmentation.meanHu', { hu: Math.round(figure.stats.meanHu ?? 0) })}`
                    : t('segmentation.noVolume')}
              </span>
            </li>
          );
        })}
      </ul>
      <button type="button" className="sv-button" data-testid="mask-interpolate" disabled={disabled} onClick={() => setNothing(!onInterpolate())}>
        {t('segmentation.interpolate')}
      </button>
      {nothing && (
        <p className="muted small" role="status">
          {t('segmentation.nothingToInterpolate')}
        </p>
      )}
      <p className="muted small">{t('segmentation.hint')}</p>
    </section>
  );
}
