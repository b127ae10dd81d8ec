import type { Question } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';
import { ClassButtons } from '../reading/ClassButtons';

/**
 * The slide-level question (Group 1–5): one button per class with its key, the answer given
 * (or that none is yet), and a clear button. No key clears it: Delete belongs to the outlines.
 */
export function SlideQuestion({
  question,
  answer,
  disabled,
  onAnswer,
  onClear,
}: {
  readonly question: Question;
  /** Class code of the slide's answer; null while unanswered. */
  readonly answer: string | null;
  readonly disabled: boolean;
  readonly onAnswer: (classCode: string) => void;
  readonly onClear: () => void;
}) {
  const t = useT();
  const [language] = useLanguage();
  const answered = question.classes.find((c) => c.code === answer);
  return (
    <section className="slide-question" data-testid="slide-question" data-answer={answer ?? ''} aria-label={question.name[language]}>
      <h2>{question.name[language]}</h2>
      <ClassButtons
        question={question}
        pressedCodes={answer === null ? [] : [answer]}
        disabled={disabled}
        clearDisabled={disabled || answer === null}
        testIdPrefix="slide-answer"
        clearTestId="slide-answer-clear"
        onChoose={onAnswer}
        onClear={onClear}
      />
      <p className={answered ? 'small' : 'muted small'} data-testid="slide-answer-state" role="status">
        {answered ? t('slide.question.answered', { name: answered.name[language] }) : t('slide.question.unanswered')}
      </p>
    </section>
  );
}
