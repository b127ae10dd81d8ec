import type { DocumentView } from '../../core/annotation';
import type { Question } from '../../core/labelSet';
import { labelAt } from '../../core/targetLabels';
import { useLanguage, useT } from '../../i18n';
import { ClassButtons } from '../reading/ClassButtons';

/** Delete clears the current question's answer, as the clear button says. */
const DELETE_CLEARS = { aria: 'Delete', label: 'Del' } as const;

/**
 * Every question of the current frame with its answer or "open"; the current one (which the
 * class keys answer) is expanded with its buttons.
 */
export function FrameAnswerPanel({
  questions,
  current,
  document,
  targetId,
  editable,
  onQuestion,
  onChoose,
  onClear,
}: {
  readonly questions: readonly Question[];
  readonly current: number;
  readonly document: DocumentView;
  readonly targetId: string | undefined;
  readonly editable: boolean;
  readonly onQuestion: (index: number) => void;
  readonly onChoose: (classCode: string) => void;
  readonly onClear: () => void;
}) {
  const t = useT();
  const [language] = useLanguage();
  return (
    <ol className="frame-questions" aria-label={t('frames.questions')} data-testid="frame-questions">
      {questions.map((question, index) => {
        const label = targetId === undefined ? undefined : labelAt(document, question.id, targetId);
        const codes = label?.classCodes ?? [];
        const names = question.classes.filter((c) => codes.includes(c.code)).map((c) => c.name[language]);
        const isCurrent = index === current;
        return (
          <li key={question.id} className={isCurrent ? 'frame-question current' : 'frame-question'} data-testid={`frame-question-${question.id}`} data-open={codes.length === 0 ? 'true' : 'false'}>
            <button type="button" className="link-button" aria-current={isCurrent ? 'step' : undefined} onClick={() => onQuestion(index)}>
              {question.name[language]}
            </button>
            <span className={codes.length === 0 ? 'muted' : undefined}>{codes.length === 0 ? t('frames.open') : names.join(', ')}</span>
            {isCurrent && (
              <ClassButtons
                question={question}
                pressedCodes={codes}
                disabled={!editable}
                clearShortcut={DELETE_CLEARS}
                testIdPrefix="frame-label"
                clearTestId="frame-label-clear"
                onChoose={onChoose}
                onClear={onClear}
              />
            )}
          </li>
        );
      })}
    </ol>
  );
}
