import type { AnnotationDocument } from '../../core/annotation';
import { deriveItemAnswer } from '../../core/itemAnswer';
import type { LabelSet } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';

/** The series-level answer derived from the slice labels (e.g. SAH present if any slice is). */
export function SeriesAnswer({ labelSet, doc, targetIds }: { readonly labelSet: LabelSet; readonly doc: AnnotationDocument | null; readonly targetIds: readonly string[] }) {
  const t = useT();
  const [language] = useLanguage();
  const answer = deriveItemAnswer(labelSet, doc, targetIds);
  const labelClass = labelSet.classes.find((c) => c.code === answer.classCode);
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
