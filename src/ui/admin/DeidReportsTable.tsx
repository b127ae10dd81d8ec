import { useState } from 'react';
import type { DeidReport } from '../../core/deid/deidentify';
import { useT } from '../../i18n';
import { outcomeCounts } from './deidPolicyForm';

/** Files listed at a time: the server answers with every report of the dataset, the screen shows them a page at a time. */
const REPORTS_PER_PAGE = 20;

/** Per file, what de-identification did: counts per outcome, and the attributes themselves on demand (names, never values). */
export function DeidReportsTable({ reports }: { readonly reports: readonly DeidReport[] }) {
  const t = useT();
  const [shown, setShown] = useState(REPORTS_PER_PAGE);
  if (reports.length === 0) return <p className="muted">{t('deidAdmin.reports.none')}</p>;
  const page = reports.slice(0, shown);
  return (
    <>
      <table className="compact" data-testid="deid-reports">
        <thead>
          <tr>
            <th scope="col">{t('deidAdmin.reports.file')}</th>
            <th scope="col">{t('deidAdmin.reports.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {page.map((report) => (
            <tr key={report.sopInstanceUid} data-testid="deid-report-row">
              <td className="file-name">{report.sopInstanceUid}</td>
              <td>
                <details>
                  <summary>
                    {[
                      ...outcomeCounts(report.entries).map(({ text, count }) => t(text, { count })),
                      ...(report.dayShift !== null ? [t('deidAdmin.reports.dayShift', { days: report.dayShift })] : []),
                    ].join(', ')}
                  </summary>
                  <ul aria-label={t('deidAdmin.reports.attributes')}>
                    {report.entries.map((entry) => (
                      <li key={entry.path}>
                        <code>{entry.path}</code> {entry.keyword}: {entry.outcome} ({entry.by})
                      </li>
                    ))}
                  </ul>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {t('deidAdmin.reports.shown', { shown: page.length, total: reports.length })}{' '}
        {shown < reports.length && (
          <button type="button" data-testid="deid-reports-more" onClick={() => setShown((n) => n + REPORTS_PER_PAGE)}>
            {t('deidAdmin.reports.more')}
          </button>
        )}
      </p>
    </>
  );
}
