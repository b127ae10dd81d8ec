import type { AnswerKind, Question, QuestionTarget } from '../../../core/labelSet';
import { addClass, moveClass, movePriority, removeClass, setItemAnswer, updateClass } from '../../../core/labelSets/draft';
import { useLanguage, useT } from '../../../i18n';
import { ClassEditor } from './ClassEditor';

const TARGETS: readonly QuestionTarget[] = ['image', 'slice', 'series', 'frame', 'frameRange', 'slide', 'region'];
const KINDS: readonly AnswerKind[] = ['single', 'multiple', 'grade'];

/** One question: its id, names, target, kind and required flag, and its classes in order. */
export function QuestionEditor({
  value,
  index,
  count,
  onChange,
  onMove,
  onRemove,
}: {
  readonly value: Question;
  readonly index: number;
  readonly count: number;
  readonly onChange: (change: (q: Question) => Question) => void;
  readonly onMove: (delta: -1 | 1) => void;
  readonly onRemove: () => void;
}) {
  const t = useT();
  const [language] = useLanguage();
  const n = index + 1;
  const testId = `question-${n}`;
  const priority = value.itemAnswer?.priority ?? [];
  const className = (code: string) => {
    const found = value.classes.find((c) => c.code === code);
    return found?.name[language] || found?.name.en || code;
  };
  return (
    <fieldset className="label-set-question" data-testid={testId}>
      <legend>{t('labelSets.question.legend', { n })}</legend>
      <div className="form inline-form">
        <label>
          {t('labelSets.question.id')}
          <input data-testid={`${testId}-id`} value={value.id} size={10} onChange={(e) => onChange((q) => ({ ...q, id: e.target.value }))} />
        </label>
        <label>
          {t('labelSets.editor.nameEn')}
          <input data-testid={`${testId}-en`} value={value.name.en} onChange={(e) => onChange((q) => ({ ...q, name: { ...q.name, en: e.target.value } }))} />
        </label>
        <label>
          {t('labelSets.editor.nameJa')}
          <input data-testid={`${testId}-ja`} value={value.name.ja} onChange={(e) => onChange((q) => ({ ...q, name: { ...q.name, ja: e.target.value } }))} />
        </label>
        <label>
          {t('labelSets.question.target')}
          <select data-testid={`${testId}-target`} value={value.target} onChange={(e) => onChange((q) => ({ ...q, target: e.target.value as QuestionTarget }))}>
            {TARGETS.map((target) => (
              <option key={target} value={target}>
                {t(`labelSets.target.${target}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('labelSets.question.kind')}
          <select data-testid={`${testId}-kind`} value={value.kind} onChange={(e) => onChange((q) => ({ ...q, kind: e.target.value as AnswerKind }))}>
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`labelSets.kind.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" data-testid={`${testId}-required`} checked={value.required} onChange={(e) => onChange((q) => ({ ...q, required: e.target.checked }))} />
          {t('labelSets.question.required')}
        </label>
        <button type="button" className="link-button" aria-label={t('labelSets.question.up', { n })} disabled={index === 0} onClick={() => onMove(-1)}>
          ↑
        </button>
        <button type="button" className="link-button" aria-label={t('labelSets.question.down', { n })} disabled={index === count - 1} onClick={() => onMove(1)}>
          ↓
        </button>
        <button type="button" className="link-button" aria-label={t('labelSets.question.remove', { n })} disabled={count === 1} onClick={onRemove}>
          ✕
        </button>
      </div>
      <table className="compact">
        <tbody>
          {value.classes.map((labelClass, i) => (
            <ClassEditor
              key={i}
              value={labelClass}
              index={i}
              questionNumber={n}
              count={value.classes.length}
              onChange={(next) => onChange((q) => updateClass(q, i, next))}
              onMove={(delta) => onChange((q) => moveClass(q, i, delta))}
              onRemove={() => onChange((q) => removeClass(q, i))}
            />
          ))}
        </tbody>
      </table>
      <div className="label-set-item-answer">
        <label className="check">
          <input type="checkbox" data-testid={`${testId}-item-answer`} checked={value.itemAnswer !== undefined} onChange={(e) => onChange((q) => setItemAnswer(q, e.target.checked))} />
          {t('labelSets.question.itemAnswer')}
        </label>
        {value.itemAnswer && (
          <>
            <p className="muted">{t('labelSets.question.priority', { classes: priority.map(className).join(' > ') })}</p>
            <ol data-testid={`${testId}-priority`}>
              {priority.map((code, i) => (
                <li key={code}>
                  {className(code)}{' '}
                  <button type="button" className="link-button" aria-label={t('labelSets.question.priorityUp', { name: className(code) })} disabled={i === 0} onClick={() => onChange((q) => movePriority(q, i, -1))}>
                    ↑
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('labelSets.question.priorityDown', { name: className(code) })}
                    disabled={i === priority.length - 1}
                    onClick={() => onChange((q) => movePriority(q, i, 1))}
                  >
                    ↓
                  </button>
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
      <button type="button" data-testid={`${testId}-add-class`} onClick={() => onChange(addClass)}>
        {t('labelSets.question.addClass')}
      </button>
    </fieldset>
  );
}
