import type { MigrationPlanAnswer } from '../../../core/api';
import type { Language } from '../../../i18n';
import type { LabelSet } from '../../../core/labelSet';
import type { ChangeKind, LabelSetMapping } from '../../../core/labelSets/migrationPlan';
import { useT } from '../../../i18n';

/** The select's value for "keep the records and flag them for review" (no class code is empty). */
const REVIEW = '';

/** Per old question, where each class goes, with the planner's record count and change; choosing another target re-plans. */
export function MigrationMappingTable(props: {
  readonly from: LabelSet;
  readonly to: LabelSet;
  readonly answer: MigrationPlanAnswer;
  readonly language: Language;
  readonly disabled: boolean;
  readonly onChange: (mapping: LabelSetMapping) => void;
}) {
  const t = useT();
  const { from, to, answer, language } = props;
  const records = (questionId: string, code: string) => answer.counts.find((c) => c.questionId === questionId && c.classCode === code)?.records ?? 0;
  const change = (questionId: string, code: string): ChangeKind | undefined => answer.plan?.changes.find((c) => c.questionId === questionId && c.fromCode === code)?.kind;

  function setClass(questionId: string, target: string, code: string, value: string): void {
    const current = answer.mapping[questionId] ?? { to: target, classes: {} };
    props.onChange({ ...answer.mapping, [questionId]: { ...current, classes: { ...current.classes, [code]: value === REVIEW ? null : value } } });
  }

  return (
    <div data-testid="migration-mapping">
      {from.questions.map((question) => {
        const m = answer.mapping[question.id];
        const target = to.questions.find((q) => q.id === (m?.to ?? question.id));
        if (!target) {
          return (
            <p key={question.id} className="muted">
              {t('labelSetMigration.questionGone', { from: question.name[language], version: to.version })}
            </p>
          );
        }
        return (
          <table key={question.id} className="compact" data-testid={`migration-question-${question.id}`}>
            <caption>{t('labelSetMigration.question', { from: question.name[language], to: target.name[language] })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('labelSetMigration.column.class')}</th>
                <th scope="col">{t('labelSetMigration.column.to')}</th>
                <th scope="col">{t('labelSetMigration.column.records')}</th>
                <th scope="col">{t('labelSetMigration.column.change')}</th>
              </tr>
            </thead>
            <tbody>
              {question.classes.map((c) => {
                const kind = change(question.id, c.code);
                return (
                  <tr key={c.code} data-testid={`migration-class-${question.id}-${c.code}`}>
                    <td>
                      {c.name[language]} <code>{c.code}</code>
                    </td>
                    <td>
                      <select
                        aria-label={c.name[language]}
                        disabled={props.disabled}
                        value={m?.classes[c.code] ?? REVIEW}
                        onChange={(e) => setClass(question.id, target.id, c.code, e.target.value)}
                      >
                        {target.classes.map((option) => (
                          <option key={option.code} value={option.code}>
                            {option.name[language]} ({option.code})
                          </option>
                        ))}
                        <option value={REVIEW}>{t('labelSetMigration.review')}</option>
                      </select>
                    </td>
                    <td>{records(question.id, c.code)}</td>
                    <td>{kind ? t(`labelSetMigration.kind.${kind}`) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
