import { useMemo } from 'react';
import { deriveItemAnswer } from '../../core/itemAnswer';
import type { Question } from '../../core/labelSet';
import type { RecordStore } from '../../core/recordStore';
import { useLanguage, useT } from '../../i18n';

/** The series-level answer derived from the slice labels (e.g. SAH present if any slice is). */
export function SeriesAnswer({
  question,
  document,
  changes,
  targetIds,
}: {
  readonly question: Question;
  readonly document: RecordStore | null;
  /** The document's change counter: the answer is derived again only when it moves. */
  readonly changes: number;
  readonly targetIds: readonly string[];
}) {
  const t = useT();
  const [language] = useLanguage();
  // The document changes in place; `changes` says when.
  const answer = useMemo(() => deriveItemAnswer(question, document, targetIds), [question, document, targetIds, changes]);
  const labelClass = question.classes.find((c) => c.code === answer.classCode);
  return (
    <section className="series-answer" data-testid="series-answer" data-answer={answer.classCode ?? ''} data-complete={answer.complete ? 'true' : 'false'} aria-labelledby="answer-title">
      <h2 id="answer-title">{t('answer.title')}</h2>
      <p className="answer-value">
        {labelClass && <span className="swatch" style={{ background: labelClass.color }} aria-hidden="true" />}
        {labelClass ? labelClass.name[language] : t('answer.none')}
      </p>
      <p className="muted small">
        {answer.complete ? t('answer.complete') : t('answer.partial', { labelled: answer.labelled, total: answer.total })}
      </p>
    </section>
  );
}
