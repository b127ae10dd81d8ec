import type { Question } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';

/** One button per class with its key; clicking labels like the key does. */
export function LabelButtons({
  question,
  currentCodes,
  disabled,
  onLabel,
  onClear,
}: {
  readonly question: Question;
  /** Classes of the current slice, to show which is applied. */
  readonly currentCodes: readonly string[];
  readonly disabled: boolean;
  readonly onLabel: (classCode: string) => void;
  readonly onClear: () => void;
}) {
  const t = useT();
  const [language] = useLanguage();
  return (
    <div className="label-buttons" role="group" aria-label={question.name[language]}>
      {question.classes.map((labelClass) => {
        const name = labelClass.name[language];
        return (
          <button
            key={labelClass.code}
            type="button"
            className="label-button"
            data-testid={`label-button-${labelClass.code}`}
            aria-pressed={currentCodes.includes(labelClass.code)}
            aria-keyshortcuts={labelClass.key}
            aria-label={labelClass.key ? t('labels.buttonWithKey', { name, key: labelClass.key }) : name}
            disabled={disabled}
            onClick={() => onLabel(labelClass.code)}
          >
            <span className="swatch" style={{ background: labelClass.color }} aria-hidden="true" />
            <span className="name">{name}</span>
            {labelClass.key && <kbd aria-hidden="true">{labelClass.key}</kbd>}
          </button>
        );
      })}
      <button type="button" className="label-button clear" data-testid="label-clear" aria-keyshortcuts="Delete" disabled={disabled} onClick={onClear}>
        <span className="name">{t('labels.clear')}</span>
        <kbd aria-hidden="true">Del</kbd>
      </button>
    </div>
  );
}
