import { useEffect } from 'react';
import type { Role } from '../../core/api';
import { withLocalProgress } from '../../data/localItemSync';
import { useLanguage, useT } from '../../i18n';
import { useFirstScreen } from '../../offline/firstScreen';
import { useAppStore } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { offersDashboard } from '../dashboard/dashboardAccess';
import { preloadViewerOf } from '../item/viewerPreload';
import { ProgressBar } from '../common/ProgressBar';
import { StateBadge } from '../common/StateBadge';
import { Link } from '../Link';
import { canAdjudicate, canReadReleases } from '../releases/releaseRoles';
import { paths } from '../router';
import { DueDateCell } from './DueDateCell';
import { ItemSyncBadge } from './ItemSyncBadge';
import { useLiveItemSync } from './useLiveItemSync';

const NO_ROLES: readonly Role[] = [];

export function ItemListPage({ datasetId }: { readonly datasetId: string }) {
  const t = useT();
  const [language] = useLanguage();
  const list = useAppStore((state) => state.itemLists[datasetId]);
  const dataset = useAppStore((state) => state.datasets?.find((d) => d.id === datasetId));
  const loadItems = useAppStore((state) => state.loadItems);
  const loadDatasets = useAppStore((state) => state.loadDatasets);
  const hasDatasets = useAppStore((state) => state.datasets !== null);
  const itemSync = useAppStore((state) => state.itemSync);
  const roles = useAppStore((state) => state.session?.user.roles ?? NO_ROLES);
  // A WG lead settles the items they do not read themself.
  const adjudicates = canAdjudicate(roles);
  useLiveItemSync(datasetId);

  useEffect(() => {
    void loadItems(datasetId);
  }, [datasetId, loadItems]);
  // A viewer chunk is large: fetch the ones this list's items need while the user picks one.
  const items = list?.items;
  useEffect(() => {
    for (const kind of new Set(items?.map((item) => item.kind))) void preloadViewerOf(kind);
  }, [items]);
  useEffect(() => {
    if (!hasDatasets) void loadDatasets();
  }, [hasDatasets, loadDatasets]);

  const ready = list !== undefined && !list.loading && list.error === null;
  // Lists without due dates keep their columns; one due date shows the column for all.
  const showDue = items?.some((item) => item.dueDate) ?? false;
  useFirstScreen(ready);
  return (
    <main className="page" data-testid="item-list" data-ready={ready ? 'true' : 'false'}>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link href={paths.datasets()}>{t('datasets.title')}</Link>
        <span aria-hidden="true"> / </span>
        <span>{dataset?.name ?? datasetId}</span>
      </nav>
      <h1>{dataset?.name ?? t('items.title')}</h1>
      {dataset && offersDashboard(roles, dataset) && (
        <p className="row">
          <Link href={paths.dashboard(datasetId)} data-testid="dataset-dashboard">
            {t('dashboard.open')}
          </Link>
        </p>
      )}
      {canReadReleases(roles) && (
        <p className="actions">
          <Link href={paths.releases(datasetId)} data-testid="dataset-releases">
            {t('releases.open')}
          </Link>
        </p>
      )}
      {list?.fromCache && <p className="notice" data-testid="items-cached">{t('catalog.fromCache')}</p>}
      <ErrorText error={list?.error ?? null} testId="items-error" />
      {list && list.items.length === 0 && !list.loading && !list.error && <p className="empty">{t('items.empty')}</p>}
      {list && list.items.length > 0 && (
        <table className="items">
          <thead>
            <tr>
              <th scope="col">{t('items.column.title')}</th>
              <th scope="col">{t('items.column.state')}</th>
              <th scope="col">{t('sync.label')}</th>
              <th scope="col">{t('items.column.progress')}</th>
              <th scope="col">{t('items.column.updated')}</th>
              {showDue && <th scope="col">{t('items.column.due')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.items.map((listed) => {
              const local = itemSync[listed.id];
              const item = withLocalProgress(listed, local, list.fromCache);
              const ahead = item !== listed && local?.unsynced === true;
              return (
                <tr key={item.id} data-testid={`item-row-${item.id}`}>
                  <td>
                    <Link href={paths.item(item.id)} data-testid={`item-link-${item.id}`}>
                      {item.title}
                    </Link>
                    {adjudicates && item.state === null && (
                      <>
                        {' '}
                        <Link href={paths.adjudicate(item.id)} className="small" data-testid={`item-adjudicate-${item.id}`}>
                          {t('adjudication.open')}
                        </Link>
                      </>
                    )}
                  </td>
                  <td>
                    <StateBadge state={item.state} testId={`item-state-${item.id}`} />
                  </td>
                  <td>
                    <ItemSyncBadge sync={local} testId={`item-sync-${item.id}`} />
                  </td>
                  <td title={ahead ? t('items.localProgress') : undefined}>
                    <ProgressBar progress={item.progress} testId={`item-progress-${item.id}`} />
                  </td>
                  <td className="muted small">{new Date(item.updatedAt).toLocaleString(language)}</td>
                  {showDue && <DueDateCell dueDate={item.dueDate ?? null} state={item.state} testId={`item-due-${item.id}`} />}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {list?.nextCursor && (
        <button type="button" data-testid="items-more" disabled={list.loading} onClick={() => void loadItems(datasetId, { more: true })}>
          {list.loading ? t('common.loading') : t('items.more')}
        </button>
      )}
    </main>
  );
}
