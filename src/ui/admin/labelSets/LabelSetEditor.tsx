import { useMemo, useState } from 'react';
import type { LabelSet } from '../../../core/labelSet';
import { addQuestion, moveQuestion, removeQuestion, updateQuestion } from '../../../core/labelSets/draft';
import { validateLabelSet } from '../../../core/validate';
import { useT } from '../../../i18n';
import { ErrorText } from '../../common/ErrorText';
import { useAdminAction } from '../useAdminAction';
import { SCHEMES, SCHEMES_LIST_ID } from './ClassEditor';
import { LabelSetPreview } from './LabelSetPreview';
import { QuestionEditor } from './QuestionEditor';

/**
 * Writes one new version of a label set (or the first of a new one): the draft is checked by the
 * same validator the server uses on every change, its problems (key clashes with the keys and
 * questions named) listed as they arise, and a preview shows the panel readers will use.
 */
export function LabelSetEditor({
  initial,
  isNew,
  onSave,
  onCancel,
}: {
  readonly initial: LabelSet;
  /** A new set chooses its id; a new version keeps its set's. */
  readonly isNew: boolean;
  readonly onSave: (labelSet: LabelSet) => Promise<void>;
  readonly onCancel: () => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState(initial);
  const verdict = useMemo(() => validateLabelSet(draft), [draft]);
  const { busy, error, run } = useAdminAction();
  const title = isNew ? t('labelSets.editor.titleNew') : t('labelSets.editor.titleVersion', { id: initial.id, version: initial.version });

  return (
    <form
      className="label-set-editor"
      aria-label={title}
      data-testid="label-set-editor"
      onSubmit={(event) => {
        event.preventDefault();
        if (verdict.ok) void run(() => onSave(verdict.value));
      }}
    >
      <h3>{title}</h3>
      <datalist id={SCHEMES_LIST_ID}>
        {SCHEMES.map((scheme) => (
          <option key={scheme} value={scheme} />
        ))}
      </datalist>
      <div className="form inline-form">
        <label>
          {t('labelSets.editor.id')}
          <input data-testid="label-set-id" value={draft.id} readOnly={!isNew} onChange={(e) => setDraft({ ...draft, id: e.target.value })} />
        </label>
        <label>
          {t('labelSets.editor.nameEn')}
          <input data-testid="label-set-name-en" value={draft.name.en} onChange={(e) => setDraft({ ...draft, name: { ...draft.name, en: e.target.value } })} />
        </label>
        <label>
          {t('labelSets.editor.nameJa')}
          <input data-testid="label-set-name-ja" value={draft.name.ja} onChange={(e) => setDraft({ ...draft, name: { ...draft.name, ja: e.target.value } })} />
        </label>
      </div>
      {draft.questions.map((question, i) => (
        <QuestionEditor
          key={i}
          value={question}
          index={i}
          count={draft.questions.length}
          onChange={(change) => setDraft((d) => updateQuestion(d, i, change))}
          onMove={(delta) => setDraft((d) => moveQuestion(d, i, delta))}
          onRemove={() => setDraft((d) => removeQuestion(d, i))}
        />
      ))}
      <button type="button" data-testid="label-set-add-question" onClick={() => setDraft(addQuestion)}>
        {t('labelSets.editor.addQuestion')}
      </button>
      {verdict.ok ? (
        <p className="muted" data-testid="label-set-valid">
          {t('labelSets.editor.valid')}
        </p>
      ) : (
        <div role="status" data-testid="label-set-issues">
          <h4>{t('labelSets.editor.issues')}</h4>
          {/* The validator's sentences name the exact field, key and question; they are shown as written. */}
          <ul>
            {verdict.errors.map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        </div>
      )}
      <LabelSetPreview labelSet={draft} />
      <div className="form inline-form">
        <button type="submit" className="primary" data-testid="label-set-save" disabled={busy || !verdict.ok}>
          {t('labelSets.editor.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('labelSets.editor.cancel')}
        </button>
      </div>
      <ErrorText error={error} testId="label-set-save-error" />
    </form>
  );
}
