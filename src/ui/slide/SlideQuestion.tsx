import type { Question } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';

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
      <div className="label-buttons" role="group" aria-label={question.name[language]}>
        {question.classes.map((labelClass) => {
          const name = labelClass.name[language];
          return (
            <button
              key={labelClass.code}
              type="button"
              className="label-button"
              data-testid={`slide-answer-${labelClass.code}`}
              aria-pressed={labelClass.code === answer}
              aria-keyshortcuts={labelClass.key}
              aria-label={labelClass.key ? t('labels.buttonWithKey', { name, key: labelClass.key }) : name}
              disabled={disabled}
              onClick={() => onAnswer(labelClass.code)}
            >
              <span className="swatch" style={{ background: labelClass.color }} aria-hidden="true" />
              <span className="name">{name}</span>
              {labelClass.key && <kbd aria-hidden="true">{labelClass.key}</kbd>}
            </button>
          );
        })}
        <button type="button" className="label-button clear" data-testid="slide-answer-clear" disabled={disabled || answer === null} onClick={onClear}>
          <span className="name">{t('labels.clear')}</span>
        </button>
      </div>
      <p className={answered ? 'small' : 'muted small'} data-testid="slide-answer-state" role="status">
        {answered ? t('slide.question.answered', { name: answered.name[language] }) : t('slide.question.unanswered')}
      </p>
    </section>
  );
}
