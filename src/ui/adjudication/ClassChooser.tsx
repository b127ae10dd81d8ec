import { useState } from 'react';
import type { Question } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';

/** The lead's own answer on a label unit: one class, or several for a multiple-answer question. */
export function ClassChooser({ question, disabled, onChoose }: { readonly question: Question; readonly disabled: boolean; readonly onChoose: (classCodes: string[]) => void }) {
  const t = useT();
  const [language] = useLanguage();
  const multiple = question.kind === 'multiple';
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <span className="class-chooser" data-testid="adjudication-edit">
      <select
          aria-label={t('adjudication.edit')}
          multiple={multiple}
          value={multiple ? chosen : (chosen[0] ?? '')}
          disabled={disabled}
          onChange={(event) => setChosen([...event.target.selectedOptions].map((option) => option.value).filter(Boolean))}
        >
          {!multiple && <option value="">{t('adjudication.edit')}</option>}
          {question.classes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name[language]}
            </option>
          ))}
        </select>
      <button type="button" disabled={disabled || chosen.length === 0} onClick={() => onChoose(chosen)}>
        {t('adjudication.editApply')}
      </button>
    </span>
  );
}
