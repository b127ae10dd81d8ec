import { useCallback, useEffect, useState } from 'react';
import type { BulkApproveResult, ReleaseDetail, ReleaseFile, ReleaseSummary } from '../../core/api';
import { useLanguage, useT } from '../../i18n';
import { appServices, useAppStore } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';
import { ErrorText } from '../common/ErrorText';
import { saveFile } from '../common/saveFile';
import { useAdminAction } from '../admin/useAdminAction';
import { Link } from '../Link';
import { paths } from '../router';
import { canAdjudicate, canMakeRelease } from './releaseRoles';

async function download(release: ReleaseSummary, file: ReleaseFile): Promise<void> {
  saveFile(await appServices().api.releaseFile(release.id, file.name), `release-${release.number}-${file.name}`);
}

const NO_ROLES: readonly never[] = [];

/** A dataset's releases, newest first, with their files; making one; approving every agreeing item. */
export function ReleasesPage({ datasetId }: { readonly datasetId: string }) {
  const t = useT();
  const [language] = useLanguage();
  const roles = useAppStore((state) => state.session?.user.roles ?? NO_ROLES);
  const dataset = useAppStore((state) => state.datasets?.find((d) => d.id === datasetId));
  const [releases, setReleases] = useState<readonly ReleaseDetail[] | null>(null);
  const [bulk, setBulk] = useState<BulkApproveResult | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const { busy, error, run } = useAdminAction();

  const load = useCallback(async () => {
    const { releases: list } = await appServices().api.listReleases(datasetId);
    setReleases(await Promise.all(list.map((release) => appServices().api.getRelease(release.id))));
  }, [datasetId]);

  useEffect(() => {
    load().catch((caught: unknown) => setLoadError(toAppError(caught)));
  }, [load]);

  const number = (value: number | null) => (value === null ? '—' : value.toFixed(2));
  return (
    <main className="page" data-testid="releases" data-ready={releases !== null && !busy ? 'true' : 'false'}>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link href={paths.datasets()}>{t('datasets.title')}</Link>
        <span aria-hidden="true"> / </span>
        <Link href={paths.dataset(datasetId)}>{dataset?.name ?? datasetId}</Link>
      </nav>
      <h1>{t('releases.title')}</h1>
      <ErrorText error={error ?? loadError} testId="releases-error" />
      <p className="actions">
        {canAdjudicate(roles) && (
          <button type="button" data-testid="bulk-approve" disabled={busy} onClick={() => void run(async () => setBulk(await appServices().api.bulkApprove(datasetId)))}>
            {t('releases.bulkApprove')}
          </button>
        )}
        {canMakeRelease(roles) && (
          <button
            type="button"
            data-testid="release-make"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                await appServices().api.makeRelease(datasetId);
                await load();
              })
            }
          >
            {t('releases.make')}
          </button>
        )}
      </p>
      {bulk && (
        <p className="notice" data-testid="bulk-approve-result" data-items-approved={bulk.itemsApproved} data-documents-approved={bulk.documentsApproved}>
          {t('releases.bulkApproveResult', { checked: bulk.itemsChecked, items: bulk.itemsApproved, documents: bulk.documentsApproved, differing: bulk.itemsDiffering })}
        </p>
      )}
      {releases && releases.length === 0 && <p className="empty">{t('releases.none')}</p>}
      {releases && releases.length > 0 && (
        <table className="releases">
          <thead>
            <tr>
              <th scope="col">{t('releases.column.number')}</th>
              <th scope="col">{t('releases.column.date')}</th>
              <th scope="col">{t('releases.column.items')}</th>
              <th scope="col">{t('releases.column.records')}</th>
              <th scope="col">{t('releases.column.files')}</th>
              <th scope="col">{t('releases.column.summary')}</th>
            </tr>
          </thead>
          <tbody>
            {releases.map(({ release, manifest }) => (
              <tr key={release.id} data-testid={`release-row-${release.number}`} data-release-id={release.id}>
                <td>{release.number}</td>
                <td>{new Date(release.createdAt).toLocaleString(language)}</td>
                <td>{release.itemCount}</td>
                <td>{release.recordCount}</td>
                <td>
                  {[...release.files, release.manifest].map((file) => (
                    <button
                      type="button"
                      className="link"
                      key={file.name}
                      data-testid={`release-file-${file.name}`}
                      title={`sha256 ${file.sha256}`}
                      onClick={() => void run(() => download(release, file))}
                    >
                      {file.name}
                    </button>
                  ))}
                </td>
                <td className="small">
                  <div>{t('releases.consensusItems', { count: manifest.items.filter((item) => item.source === 'consensus').length })}</div>
                  {manifest.agreement.questions.length === 0 ? (
                    <div className="muted">{t('releases.noAgreement')}</div>
                  ) : (
                    manifest.agreement.questions.map((q) => (
                      <div key={q.questionId}>
                        {t('releases.agreement', { question: manifest.questions.find((question) => question.id === q.questionId)?.name[language] ?? q.questionId, statistic: q.statistic, value: number(q.figure.value) })}
                      </div>
                    ))
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
