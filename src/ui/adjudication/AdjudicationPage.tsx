import { useCallback, useEffect, useState } from 'react';
import type { Geometry } from '../../core/annotation';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { Link } from '../Link';
import { paths } from '../router';
import { AdjudicationUnits } from './AdjudicationUnits';
import { ConsensusExports } from './ConsensusExports';
import { UnitImagePane } from './UnitImagePane';
import type { DraftStart } from './UnitSlidePane';
import { useAdjudication } from './useAdjudication';
import './AdjudicationPage.css';

/** Keys 1–9 pick reader N of the selected unit; j / k move between units. */
const READER_KEYS = '123456789';

/**
 * Settling an item's differences (issue 9): every unit where the handed-in readers differ, each
 * reader's answer, and the lead's decision; beside them the selected unit's image (its slice, or
 * the slide zoomed to it, where a region can be drawn anew). The keyboard picks and moves, except
 * while a drawing is being edited (the editor has the keys then).
 */
export function AdjudicationPage({ itemId }: { readonly itemId: string }) {
  const t = useT();
  const { view, detail, work, selected, select, busy, error, decide } = useAdjudication(itemId);
  const userId = useAppStore((state) => state.session?.user.id ?? '');
  const [draft, setDraft] = useState<DraftStart | null>(null);
  const choose = useCallback(
    (index: number | ((index: number) => number)) => {
      setDraft(null);
      select(index);
    },
    [select],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!view || draft || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
      if (event.key === 'j') choose((i) => Math.min(i + 1, view.units.length - 1));
      else if (event.key === 'k') choose((i) => Math.max(i - 1, 0));
      else {
        const n = READER_KEYS.indexOf(event.key);
        const unit = view.units[selected];
        const reader = n >= 0 ? view.readers[n] : undefined;
        if (!unit || !reader) return;
        void decide(unit, { pick: reader.id }, true);
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view, draft, selected, choose, decide]);

  const unit = view?.units[selected];
  const saveDrawing = useCallback(
    async (geometries: Geometry[], from: string | null) => {
      if (!unit) return;
      // The lead stays on the unit to see the drawing they saved.
      if (await decide(unit, { edit: from === null ? { geometries } : { geometries, from } }, false)) setDraft(null);
    },
    [unit, decide],
  );

  const labelSet = detail?.labelSet ?? null;
  const ready = view !== null && labelSet !== null && !busy;
  return (
    <main className="page adjudication-page" data-testid="adjudication" data-ready={ready ? 'true' : 'false'} data-complete={view?.complete ? 'true' : 'false'}>
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
      {view && detail && labelSet && (
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
          <ConsensusExports view={view} detail={detail} />
          {view.units.length > 0 && (
            <div className="adjudication-panes">
              <AdjudicationUnits
                units={view.units}
                readers={view.readers}
                targetIds={view.targetIds}
                itemKind={detail.item.content.kind}
                labelSet={labelSet}
                selected={selected}
                busy={busy}
                onSelect={choose}
                onDecide={(decided, decision) => void decide(decided, decision, true)}
              />
              {unit && (
                <UnitImagePane
                  detail={detail}
                  targetIds={view.targetIds}
                  unit={unit}
                  work={work}
                  userId={userId}
                  busy={busy}
                  draft={draft}
                  onDraft={setDraft}
                  onSave={(geometries, from) => void saveDrawing(geometries, from)}
                />
              )}
            </div>
          )}
        </>
      )}
    </main>
  );
}
