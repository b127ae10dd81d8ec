import type { LabelImportPlan, LabelSource } from '../../core/exchange/seg/labelObjectImport';
import { sliceRuns } from '../../core/exchange/seg/sliceRuns';
import type { Question } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';

/** A source's choice in the form: a class code, `skip`, or '' (undecided: refused as unmapped). */
const SKIP = 'skip';

export interface LabelImportPlanProps {
  readonly file: string;
  readonly kind: 'seg' | 'rtstruct';
  readonly question: Question;
  readonly sources: readonly LabelSource[];
  /** Source number → class code, null: skipped; absent: undecided. */
  readonly choices: ReadonlyMap<number, string | null>;
  readonly as: 'outlines' | 'masks';
  readonly plan: LabelImportPlan;
  /** `undefined`: undecided, null: skip. */
  readonly onChoose: (number: number, code: string | null | undefined) => void;
  readonly onAs: (as: 'outlines' | 'masks') => void;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/**
 * What an import of a SEG or RTSTRUCT will do, before it does it: each segment or ROI with its
 * class (changeable) and the slices it lands on, what is refused and why, the slices per class.
 */
export function LabelImportPlanView(props: LabelImportPlanProps) {
  const { file, kind, question, sources, choices, plan } = props;
  const t = useT();
  const [language] = useLanguage();
  const title = t(kind === 'seg' ? 'labelImport.plan.seg' : 'labelImport.plan.rtstruct', { file });
  const sourceName = (number: number, label: string) => t(kind === 'seg' ? 'labelImport.source.seg' : 'labelImport.source.rtstruct', { number, label });
  const className = (code: string) => question.classes.find((c) => c.code === code)?.name[language] ?? code;
  const slicesText = (indices: readonly number[]) =>
    indices.length === 0 ? t('labelImport.noSlices') : t('labelImport.slices', { slices: sliceRuns(indices).map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ') });

  return (
    <div role="group" aria-label={title} data-testid="dicom-label-import-plan">
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {sources.map((source) => {
          const choice = choices.get(source.number);
          const slices = plan.slicesOf.get(source.number) ?? [];
          return (
            <li key={source.number} data-testid="dicom-label-import-source" data-number={source.number} data-class={choice ?? ''} data-slices={slices.join(' ')}>
              <label>
                {sourceName(source.number, source.label)}{' '}
                <select
                  value={choice === undefined ? '' : (choice ?? SKIP)}
                  onChange={(event) => props.onChoose(source.number, event.target.value === '' ? undefined : event.target.value === SKIP ? null : event.target.value)}
                  data-testid="dicom-label-import-choice"
                >
                  <option value="">{t('labelImport.choose')}</option>
                  <option value={SKIP}>{t('labelImport.skip')}</option>
                  {question.classes.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name[language]}
                    </option>
                  ))}
                </select>
              </label>{' '}
              {typeof choice === 'string' && <span className="muted small">{slicesText(slices)}</span>}
            </li>
          );
        })}
      </ul>
      {kind === 'rtstruct' && (
        <label>
          {t('labelImport.as')}{' '}
          <select value={props.as} onChange={(event) => props.onAs(event.target.value === 'outlines' ? 'outlines' : 'masks')} data-testid="dicom-label-import-as">
            <option value="masks">{t('labelImport.as.masks')}</option>
            <option value="outlines">{t('labelImport.as.outlines')}</option>
          </select>
        </label>
      )}
      {plan.refusals.length > 0 && (
        <div className="error" data-testid="dicom-label-import-refusals">
          {t('labelImport.refusals')}
          <ul>
            {plan.refusals.map((r, i) => (
              <li key={i} data-number={r.number}>
                {sourceName(r.number, r.label)}: {r.reason}
                {!choices.has(r.number) && ` (${t('labelImport.unmapped')})`}
              </li>
            ))}
          </ul>
        </div>
      )}
      {plan.records.length === 0 && <p className="muted small">{t('labelImport.nothing')}</p>}
      {plan.classes.map((c) => (
        <p key={c.classCode} className="muted small" data-testid="dicom-label-import-class" data-class={c.classCode} data-slices={c.sliceIndices.join(' ')}>
          {className(c.classCode)}: {slicesText(c.sliceIndices)}
        </p>
      ))}
      <button type="button" onClick={props.onConfirm} disabled={plan.records.length === 0} data-testid="dicom-label-import-confirm">
        {t('labelImport.confirm', { count: plan.records.length })}
      </button>{' '}
      <button type="button" onClick={props.onCancel}>
        {t('labelImport.cancel')}
      </button>
    </div>
  );
}
