import type { Question } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';

/** The key that clears, as the clear button announces it (`aria`) and shows it (`label`). */
export interface ClearShortcut {
  readonly aria: string;
  readonly label: string;
}

/**
 * One button per class of a question, with its key, and a button that clears: clicking answers
 * as the key does. Used for a CT slice's label and a slide's answer; the pages differ only in
 * their test ids, in whether a key clears, and in when clearing is possible.
 */
export function ClassButtons({
  question,
  pressedCodes,
  disabled,
  clearDisabled = disabled,
  clearShortcut,
  testIdPrefix,
  clearTestId,
  onChoose,
  onClear,
}: {
  readonly question: Question;
  /** Classes already given to the target, shown pressed. */
  readonly pressedCodes: readonly string[];
  readonly disabled: boolean;
  readonly clearDisabled?: boolean;
  readonly clearShortcut?: ClearShortcut;
  /** A class button's test id is `${testIdPrefix}-${classCode}`. */
  readonly testIdPrefix: string;
  readonly clearTestId: string;
  readonly onChoose: (classCode: string) => void;
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
            data-testid={`${testIdPrefix}-${labelClass.code}`}
            aria-pressed={pressedCodes.includes(labelClass.code)}
            aria-keyshortcuts={labelClass.key}
            aria-label={labelClass.key ? t('labels.buttonWithKey', { name, key: labelClass.key }) : name}
            disabled={disabled}
            onClick={() => onChoose(labelClass.code)}
          >
            <span className="swatch" style={{ background: labelClass.color }} aria-hidden="true" />
            <span className="name">{name}</span>
            {labelClass.key && <kbd aria-hidden="true">{labelClass.key}</kbd>}
          </button>
        );
      })}
      <button type="button" className="label-button clear" data-testid={clearTestId} aria-keyshortcuts={clearShortcut?.aria} disabled={clearDisabled} onClick={onClear}>
        <span className="name">{t('labels.clear')}</span>
        {clearShortcut && <kbd aria-hidden="true">{clearShortcut.label}</kbd>}
      </button>
    </div>
  );
}
