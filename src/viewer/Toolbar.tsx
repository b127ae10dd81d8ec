import { useT } from '../i18n';
import { CT_PRESETS, type PresetName, type WindowLevel } from './windowing';

interface ToolbarProps {
  /** CT presets are in HU; other modalities get only their own window and reset. */
  readonly showCtPresets: boolean;
  readonly activePreset: PresetName | null;
  readonly fileWindow: WindowLevel | null;
  readonly onPreset: (name: PresetName) => void;
  readonly onReset: () => void;
}

export function Toolbar({ showCtPresets, activePreset, fileWindow, onPreset, onReset }: ToolbarProps) {
  const t = useT();
  const presetButton = (name: PresetName, window: WindowLevel | null) => {
    const label = t(`viewer.preset.${name}`);
    return (
      <button
        key={name}
        type="button"
        className="sv-button"
        data-testid={`viewer-preset-${name}`}
        aria-pressed={activePreset === name}
        disabled={!window}
        title={window ? t('viewer.preset.tooltip', { name: label, ...window }) : label}
        onClick={() => onPreset(name)}
      >
        {label}
      </button>
    );
  };
  return (
    <div className="sv-toolbar sv-series-toolbar" role="toolbar" aria-label={t('viewer.toolbar.label')}>
      <span className="sv-toolbar-label">{t('viewer.preset.label')}</span>
      {presetButton('default', fileWindow)}
      {showCtPresets &&
        (Object.keys(CT_PRESETS) as Array<keyof typeof CT_PRESETS>).map((name) =>
          presetButton(name, CT_PRESETS[name]),
        )}
      <button
        type="button"
        className="sv-button"
        data-testid="viewer-reset"
        title={t('viewer.reset.tooltip')}
        onClick={onReset}
      >
        {t('viewer.reset')}
      </button>
      <span className="sv-hint" title={t('viewer.hint')}>
        {t('viewer.hint')}
      </span>
    </div>
  );
}
