import { useEffect, useMemo, useRef, useState } from 'react';
import { matchClasses, type ClassChoice } from '../../core/exchange/classMatch';
import { exportGeoJson, geoJsonFileName } from '../../core/exchange/geojsonExport';
import type { ImportedOutline, ImportReport } from '../../core/exchange/geojsonImport';
import { planShapes } from '../../core/exchange/importPlan';
import type { Question } from '../../core/labelSet';
import { useLanguage, useT } from '../../i18n';
import { isEditable, useAppStore, type OpenItem } from '../../store';
import { saveFile } from '../common/saveFile';
import { startGeoJsonImport, type ImportRun } from './geojsonImportWorker';
import { importSummaryText, refusalText } from './importSummary';
import './GeoJsonExchange.css';

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading'; readonly file: string; readonly done: number; readonly total: number }
  /** Classes of the file nothing matched: the user maps each to a class or skips it. */
  | { readonly kind: 'mapping'; readonly report: ImportReport; readonly chunks: readonly (readonly ImportedOutline[])[]; readonly choices: readonly ClassChoice[]; readonly unmatched: readonly number[] }
  | { readonly kind: 'finished'; readonly text: string; readonly ok: boolean; readonly imported: number };


function regionQuestion(open: OpenItem): Question | null {
  return open.detail?.labelSet.questions.find((q) => q.target === 'region') ?? null;
}

/**
 * Export and import of a slide's outlines as GeoJSON, the format QuPath reads and writes. The
 * import reads the file in a worker with a progress bar, asks what to do with classes the label
 * set lacks, adds everything as one undo step, and says what was imported and what was skipped.
 */
export function GeoJsonExchange({ open }: { readonly open: OpenItem }) {
  const t = useT();
  const [language] = useLanguage();
  const runCommands = useAppStore((state) => state.runCommands);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const run = useRef<ImportRun | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // Built on first use: the first Intl.NumberFormat of a page loads locale data (≈40 ms here), which
  // must not land on the slide's first screen when nothing is being imported.
  const format = useMemo(() => {
    let numbers: Intl.NumberFormat | null = null;
    return (n: number) => (numbers ??= new Intl.NumberFormat(language)).format(n);
  }, [language]);

  // An import still reading when the slide closes is dropped with it.
  useEffect(() => () => run.current?.cancel(), []);

  const detail = open.detail;
  const slide = detail?.item.content.kind === 'slide' ? detail.item.content.levels[0] : undefined;
  const question = regionQuestion(open);
  const editable = isEditable(open);
  const busy = phase.kind === 'reading' || phase.kind === 'mapping';
  const importBlocked = !editable ? t('exchange.import.notEditable') : !question ? t('exchange.import.noRegionQuestion') : null;

  function exportFile(): void {
    if (!open.document || !detail) return;
    const text = JSON.stringify(exportGeoJson(open.document.records(), detail.labelSet));
    saveFile(new Blob([text], { type: 'application/geo+json' }), geoJsonFileName(detail.item.title));
  }

  function importFile(file: File): void {
    if (!slide || !question || busy) return;
    setPhase({ kind: 'reading', file: file.name, done: 0, total: 0 });
    run.current = startGeoJsonImport(
      file,
      { width: slide.width, height: slide.height },
      (done, total) => setPhase({ kind: 'reading', file: file.name, done, total }),
      (result) => {
        run.current = null;
        if (result.kind === 'cancelled') finish(t('exchange.cancelled'), false, 0);
        else if (result.kind === 'failed') finish(t('exchange.failed', { message: result.message }), false, 0);
        else if (result.kind === 'refused') finish(refusalText(t, format, result.refusal), false, 0);
        else {
          const choices = matchClasses(question, result.report.classes);
          const unmatched = choices.flatMap((c, i) => (c.code === null ? [i] : []));
          if (unmatched.length === 0) add(result.report, result.chunks, choices);
          else setPhase({ kind: 'mapping', report: result.report, chunks: result.chunks, choices, unmatched });
        }
      },
    );
  }

  function finish(text: string, ok: boolean, imported: number): void {
    setPhase({ kind: 'finished', text, ok, imported });
  }

  function add(report: ImportReport, chunks: readonly (readonly ImportedOutline[])[], choices: readonly ClassChoice[]): void {
    if (!question || !detail) return;
    const plan = planShapes(chunks, new Map(choices.map((c) => [c.name, c.code])));
    if (plan.shapes.length > 0) {
      const outcome = runCommands([{ name: 'shape/addMany', params: { questionId: question.id, targetId: detail.item.id, shapes: plan.shapes } }]);
      if (outcome.kind === 'notEditable') return finish(t('exchange.import.notEditable'), false, 0);
      if (outcome.kind === 'refused') return finish(t('exchange.refusedByEditor', { reason: outcome.reason }), false, 0);
    }
    finish(importSummaryText(t, format, plan.shapes.length, report, plan.skippedClasses), true, plan.shapes.length);
  }

  function choose(index: number, code: string | null): void {
    setPhase((current) =>
      current.kind === 'mapping' ? { ...current, choices: current.choices.map((c, i) => (i === index ? { ...c, code } : c)) } : current,
    );
  }

  return (
    <section className="geojson-exchange" aria-label={t('exchange.label')} data-testid="geojson-exchange" data-phase={phase.kind}>
      <div className="geojson-actions">
        <button type="button" onClick={exportFile} disabled={!open.document || !detail} title={t('exchange.export.tooltip')} data-testid="geojson-export">
          {t('exchange.export')}
        </button>
        <button
          type="button"
          onClick={() => fileInput.current?.click()}
          disabled={busy || importBlocked !== null || !slide}
          title={importBlocked ?? t('exchange.import.tooltip')}
          data-testid="geojson-import"
        >
          {t('exchange.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          hidden
          data-testid="geojson-import-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) importFile(file);
          }}
        />
      </div>

      {phase.kind === 'reading' && (
        <div className="progress" data-testid="geojson-import-progress" data-done={phase.done} data-total={phase.total}>
          <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={phase.total} aria-valuenow={phase.done}>
            <div className="progress-fill" style={{ width: `${phase.total > 0 ? (100 * phase.done) / phase.total : 0}%` }} />
          </div>
          <span className="progress-text">{t('exchange.reading', { file: phase.file, done: format(phase.done), total: format(phase.total) })}</span>
          <button type="button" onClick={() => run.current?.cancel()} data-testid="geojson-import-cancel">
            {t('exchange.cancel')}
          </button>
        </div>
      )}

      {phase.kind === 'mapping' && question && (
        <div className="geojson-mapping" role="group" aria-label={t('exchange.mapping.title')} data-testid="geojson-import-mapping">
          <p>
            <strong>{t('exchange.mapping.title')}</strong> {t('exchange.mapping.help')}
          </p>
          <ul>
            {phase.unmatched.map((index) => {
              const choice = phase.choices[index]!;
              const name = choice.name ?? t('exchange.mapping.unclassified');
              return (
                <li key={index}>
                  <label>
                    <span className="geojson-class-name">{name}</span>{' '}
                    <span className="geojson-class-count">{t('exchange.mapping.count', { count: format(choice.count) })}</span>{' '}
                    <select
                      value={choice.code ?? ''}
                      onChange={(event) => choose(index, event.target.value === '' ? null : event.target.value)}
                      data-testid="geojson-class-choice"
                      data-source-class={choice.name ?? ''}
                    >
                      <option value="">{t('exchange.mapping.skip')}</option>
                      {question.classes.map((c) => (
                        <option key={c.code} value={c.code}>
                          {language === 'ja' ? c.name.ja : c.name.en}
                        </option>
                      ))}
                    </select>
                  </label>
                </li>
              );
            })}
          </ul>
          <button type="button" onClick={() => add(phase.report, phase.chunks, phase.choices)} data-testid="geojson-import-confirm">
            {t('exchange.mapping.confirm')}
          </button>{' '}
          <button type="button" onClick={() => finish(t('exchange.cancelled'), false, 0)}>
            {t('exchange.cancel')}
          </button>
        </div>
      )}

      {phase.kind === 'finished' && (
        <p className={phase.ok ? 'notice' : 'error'} role={phase.ok ? 'status' : 'alert'} data-testid="geojson-import-summary" data-imported={phase.imported}>
          {phase.text}
        </p>
      )}
    </section>
  );
}
