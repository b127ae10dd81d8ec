import { useCallback, useEffect, useState } from 'react';
import type { AdjudicationUnit, AdjudicationView } from '../../core/api';
import type { ConsensusDecision } from '../../core/consensus';
import type { LabelSet } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';
import { appServices } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';
import { ErrorText } from '../common/ErrorText';
import { Link } from '../Link';
import { paths } from '../router';
import { ClassChooser } from './ClassChooser';
import { answerText, placeText, questionOf } from './unitText';

/** Keys 1–9 pick reader N of the selected unit; j / k move between units. */
const READER_KEYS = '123456789';

/**
 * Settling an item's differences (issue 9): every unit where the handed-in readers differ, each
 * reader's answer, and the lead's decision; the keyboard picks and moves.
 */
export function AdjudicationPage({ itemId }: { readonly itemId: string }) {
  const t = useT();
  const [language] = useLanguage();
  const [view, setView] = useState<AdjudicationView | null>(null);
  const [labelSet, setLabelSet] = useState<LabelSet | null>(null);
  const [selected, setSelected] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (): Promise<AdjudicationView | null> => {
    try {
      const next = await appServices().api.getAdjudication(itemId);
      setView(next);
      return next;
    } catch (caught) {
      setError(toAppError(caught));
      return null;
    }
  }, [itemId]);

  useEffect(() => {
    void load();
    appServices()
      .api.getItem(itemId)
      .then((detail) => setLabelSet(detail.labelSet))
      .catch((caught: unknown) => setError(toAppError(caught)));
  }, [itemId, load]);

  const decide = useCallback(
    async (unit: AdjudicationUnit, decision: ConsensusDecision) => {
      if (busy) return;
      setBusy(true);
      setError(null);
      try {
        await appServices().api.decide(itemId, { questionId: unit.questionId, targetKey: unit.targetKey, decision }, unit.decision?.version ?? 0);
        const next = await load();
        // On to the next unit still undecided, if any.
        const at = next?.units.findIndex((u, i) => i > selected && !u.settled) ?? -1;
        if (next && at >= 0) setSelected(at);
      } catch (caught) {
        setError(toAppError(caught));
        await load();
      } finally {
        setBusy(false);
      }
    },
    [busy, itemId, load, selected],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!view || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (event.key === 'j') setSelected((i) => Math.min(i + 1, view.units.length - 1));
      else if (event.key === 'k') setSelected((i) => Math.max(i - 1, 0));
      else {
        const n = READER_KEYS.indexOf(event.key);
        const unit = view.units[selected];
        const reader = n >= 0 ? view.readers[n] : undefined;
        if (!unit || !reader) return;
        void decide(unit, { pick: reader.id });
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view, selected, decide]);

  const ready = view !== null && labelSet !== null && !busy;
  const readerNumber = (readerId: string) => (view?.readers.findIndex((r) => r.id === readerId) ?? -1) + 1;
  return (
    <main className="page" data-testid="adjudication" data-ready={ready ? 'true' : 'false'} data-complete={view?.complete ? 'true' : 'false'}>
      {view && (
        <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
          <Link href={paths.dataset(view.datasetId)}>{view.title}</Link>
          <span aria-hidden="true"> / </span>
          <Link href={paths.releases(view.datasetId)} data-testid="adjudication-releases">
            {t('adjudication.backToReleases')}
          </Link>
        </nav>
      )}
      <h1>{t('adjudication.title')}</h1>
      <p className="muted">{t('adjudication.intro')}</p>
      <ErrorText error={error} testId="adjudication-error" />
      {view && labelSet && (
        <>
          <p data-testid="adjudication-progress" data-settled={view.settledUnits} data-total={view.units.length}>
            {t('adjudication.progress', { settled: view.settledUnits, total: view.units.length })}
          </p>
          {view.readers.length < 2 && <p className="notice">{t('adjudication.tooFewReaders')}</p>}
          {view.readersAtWork > 0 && <p className="notice">{t('adjudication.readersAtWork', { count: view.readersAtWork })}</p>}
          {view.readers.length >= 2 && view.units.length === 0 && <p className="notice">{t('adjudication.noDifferences')}</p>}
          {view.complete && view.units.length > 0 && <p className="notice">{t('adjudication.complete')}</p>}
          <ul className="readers">
            {view.readers.map((reader, i) => (
              <li key={reader.id}>{t('adjudication.reader', { number: i + 1, name: reader.displayName || reader.username })}</li>
            ))}
          </ul>
          {view.units.length > 0 && (
            <table className="adjudication-units">
              <thead>
                <tr>
                  <th scope="col">{t('adjudication.column.place')}</th>
                  <th scope="col">{t('adjudication.column.question')}</th>
                  {view.readers.map((reader, i) => (
                    <th scope="col" key={reader.id}>
                      {t('adjudication.reader', { number: i + 1, name: reader.displayName || reader.username })}
                    </th>
                  ))}
                  <th scope="col">{t('adjudication.column.decision')}</th>
                </tr>
              </thead>
              <tbody>
                {view.units.map((unit, index) => {
                  const question = questionOf(labelSet, unit.questionId);
                  const decision = unit.decision?.decision;
                  return (
                    <tr
                      key={`${unit.questionId}/${unit.targetKey}`}
                      data-testid={`adjudication-unit-${unit.questionId}-${unit.targetKey}`}
                      data-selected={index === selected ? 'true' : 'false'}
                      data-settled={unit.settled ? 'true' : 'false'}
                      aria-selected={index === selected}
                      className={index === selected ? 'selected' : undefined}
                      onClick={() => setSelected(index)}
                    >
                      <td>{placeText(unit.targetKey, view.targetIds, question, language, t)}</td>
                      <td>{question?.name[language] ?? unit.questionId}</td>
                      {unit.answers.map((answer) => (
                        <td key={answer.readerId}>
                          <button
                            type="button"
                            data-testid={`adjudication-pick-${answer.readerId}`}
                            aria-pressed={decision !== undefined && 'pick' in decision && decision.pick === answer.readerId}
                            disabled={busy}
                            title={t('adjudication.pick', { number: readerNumber(answer.readerId) })}
                            onClick={() => void decide(unit, { pick: answer.readerId })}
                          >
                            {answerText(answer.value, question, language, t)}
                          </button>
                        </td>
                      ))}
                      <td data-testid="adjudication-decision">
                        {!unit.settled || !decision
                          ? t('adjudication.undecided')
                          : 'pick' in decision
                            ? t('adjudication.picked', { number: readerNumber(decision.pick) })
                            : t('adjudication.edited', { classes: decision.edit.classCodes.map((code) => question?.classes.find((c) => c.code === code)?.name[language] ?? code).join(', ') })}
                        {question && question.target !== 'region' && index === selected && (
                          <ClassChooser question={question} disabled={busy} onChoose={(classCodes) => void decide(unit, { edit: { classCodes } })} />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </main>
  );
}
