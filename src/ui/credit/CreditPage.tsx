/**
 * A person's contribution certificate for a period: printable (A4, no app chrome, credit.css),
 * with the figures per dataset, the issue date and a verification line (sha256 of the figures'
 * canonical JSON, src/core/dashboard/credit.ts), and the same figures as a CSV download.
 */
import { useState, type FormEvent } from 'react';
import type { CreditFigures, CreditReport } from '../../core/api';
import { currentMonth, minutesOf } from '../../core/dashboard';
import { useLanguage, useT, type MessageKey } from '../../i18n';
import { toAppError, type AppError } from '../../store/loadError';
import { ErrorText } from '../common/ErrorText';
import { saveFile } from '../common/saveFile';
import { fetchCredit, fetchCreditCsv } from '../dashboard/dashboardApi';
import { useLoaded } from '../dashboard/useLoaded';
import { paths } from '../router';
import { figuresHash } from './figuresHash';
import './credit.css';

const COLUMNS: readonly [keyof CreditFigures, MessageKey][] = [
  ['itemsWorked', 'credit.itemsWorked'],
  ['targetsLabelled', 'credit.targetsLabelled'],
  ['regionsDrawn', 'credit.regionsDrawn'],
  ['recordsAuthored', 'credit.recordsAuthored'],
  ['timeSpentMs', 'credit.minutes'],
  ['approved', 'credit.approved'],
  ['returned', 'credit.returned'],
];

/** The period the address asks for, else the current month. */
function periodOfAddress(): { from: string; to: string } {
  const query = new URLSearchParams(window.location.search);
  const month = currentMonth(new Date());
  return { from: query.get('from') ?? month.from, to: query.get('to') ?? month.to };
}

export function CreditPage({ userId }: { readonly userId: string }) {
  const t = useT();
  const [period, setPeriod] = useState(periodOfAddress);
  const [form, setForm] = useState(period);
  const [downloadError, setDownloadError] = useState<AppError | null>(null);
  const loaded = useLoaded(async () => {
    const report = await fetchCredit(userId, period.from, period.to);
    return { report, hash: await figuresHash(report) };
  }, `${userId}/${period.from}/${period.to}`);
  const report = loaded.value?.report ?? null;
  const error = loaded.error ?? downloadError;

  const show = (event: FormEvent) => {
    event.preventDefault();
    window.history.replaceState(null, '', paths.credit(userId, form));
    setPeriod(form);
  };
  const download = async () => {
    try {
      setDownloadError(null);
      const { blob, fileName } = await fetchCreditCsv(userId, period.from, period.to);
      saveFile(blob, fileName ?? 'credit.csv');
    } catch (caught) {
      setDownloadError(toAppError(caught));
    }
  };

  return (
    <main className="page credit-page" data-testid="credit" data-ready={report ? 'true' : 'false'}>
      <form className="row credit-actions" onSubmit={show}>
        <label>
          {t('credit.from')}
          <input type="date" data-testid="credit-from" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        </label>
        <label>
          {t('credit.to')}
          <input type="date" data-testid="credit-to" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        </label>
        <button type="submit" data-testid="credit-show">
          {t('credit.show')}
        </button>
        <span className="spacer" />
        <button type="button" data-testid="credit-print" disabled={!report} onClick={() => window.print()}>
          {t('credit.print')}
        </button>
        <button type="button" data-testid="credit-csv" disabled={!report} onClick={() => void download()}>
          {t('credit.csv')}
        </button>
      </form>
      <ErrorText error={error} testId="credit-error" />
      {!report && !error && <p className="muted">{t('common.loading')}</p>}
      {loaded.value && <Certificate report={loaded.value.report} hash={loaded.value.hash} />}
    </main>
  );
}

function Certificate({ report, hash }: { readonly report: CreditReport; readonly hash: string | null }) {
  const t = useT();
  const [language] = useLanguage();
  const cell = (figures: CreditFigures, key: keyof CreditFigures) => (key === 'timeSpentMs' ? minutesOf(figures[key]) : figures[key]);
  return (
    <article className="certificate">
      <h1>{t('credit.title')}</h1>
      <p className="certificate-person" data-testid="credit-person">
        {t('credit.person', { name: report.user.displayName })}
      </p>
      <p data-testid="credit-period">{t('credit.period', { from: report.from, to: report.to })}</p>
      {report.datasets.length === 0 ? (
        <p className="empty" data-testid="credit-none">
          {t('credit.none')}
        </p>
      ) : (
        <table className="certificate-table">
          <thead>
            <tr>
              <th scope="col">{t('credit.dataset')}</th>
              {COLUMNS.map(([key, label]) => (
                <th key={key} scope="col">
                  {t(label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.datasets.map((dataset) => (
              <tr key={dataset.datasetId} data-testid={`credit-row-${dataset.datasetId}`}>
                <th scope="row">{dataset.datasetName}</th>
                {COLUMNS.map(([key]) => (
                  <td key={key} data-figure={key}>
                    {cell(dataset, key)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="credit-total">
              <th scope="row">{t('credit.total')}</th>
              {COLUMNS.map(([key]) => (
                <td key={key} data-figure={key}>
                  {cell(report.totals, key)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      )}
      <p className="small">{t('credit.timeNote', { minutes: report.idleCutoffMs / 60_000 })}</p>
      <p data-testid="credit-issued">{t('credit.issued', { date: new Date().toLocaleDateString(language) })}</p>
      <p className="certificate-hash small" data-testid="credit-hash">
        {t('credit.verification', { hash: hash ?? '–' })}
      </p>
    </article>
  );
}
