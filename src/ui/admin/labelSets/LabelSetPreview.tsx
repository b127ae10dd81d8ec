import type { LabelSet } from '../../../core/labelSet';
import { useLanguage, useT } from '../../../i18n';
import { ClassButtons } from '../../reading/ClassButtons';

/**
 * The set as a reader meets it: each question with the same buttons and keys the reading screens
 * show (clicking does nothing here). Region classes are listed apart: their keys pick the class
 * to draw and are live beside the current question's.
 */
export function LabelSetPreview({ labelSet }: { readonly labelSet: LabelSet }) {
  const t = useT();
  const [language] = useLanguage();
  const none = (): void => undefined;
  return (
    <section className="label-set-preview" aria-label={t('labelSets.preview.title')} data-testid="label-set-preview">
      <h3>{t('labelSets.preview.title')}</h3>
      <ol>
        {labelSet.questions.map((question, i) => (
          <li key={i} data-testid={`preview-question-${i + 1}`}>
            <strong>{question.name[language] || question.id}</strong>
            {question.target === 'region' && <span className="muted"> ({t('labelSets.preview.regions')})</span>}
            <ClassButtons question={question} pressedCodes={[]} disabled={false} testIdPrefix={`preview-${i + 1}`} clearTestId={`preview-${i + 1}-clear`} onChoose={none} onClear={none} />
          </li>
        ))}
      </ol>
    </section>
  );
}
