import { useEffect } from 'react';
import { useLanguage, useT } from '../../i18n';
import { useFirstScreen } from '../../offline/firstScreen';
import { useAppStore } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { ProgressBar } from '../common/ProgressBar';
import { Link } from '../Link';
import { paths } from '../router';

export function DatasetListPage() {
  const t = useT();
  const [language] = useLanguage();
  const datasets = useAppStore((state) => state.datasets);
  const loading = useAppStore((state) => state.datasetsLoading);
  const fromCache = useAppStore((state) => state.datasetsFromCache);
  const error = useAppStore((state) => state.datasetsError);
  const loadDatasets = useAppStore((state) => state.loadDatasets);

  useEffect(() => {
    void loadDatasets();
  }, [loadDatasets]);
  useFirstScreen(datasets !== null && !loading);

  return (
    <main className="page" data-testid="dataset-list" data-ready={datasets !== null && !loading ? 'true' : 'false'}>
      <h1>{t('datasets.title')}</h1>
      {fromCache && <p className="notice" data-testid="datasets-cached">{t('catalog.fromCache')}</p>}
      <ErrorText error={error} testId="datasets-error" />
      {datasets?.length === 0 && <p className="empty">{t('datasets.empty')}</p>}
      <ul className="cards">
        {datasets?.map((dataset) => (
          <li key={dataset.id} className="card dataset-card" data-testid={`dataset-card-${dataset.id}`}>
            <h2>
              <Link href={paths.dataset(dataset.id)} data-testid={`dataset-link-${dataset.id}`}>
                {dataset.name}
              </Link>
            </h2>
            {dataset.description && <p className="muted">{dataset.description}</p>}
            <ProgressBar progress={dataset.progress} testId={`dataset-progress-${dataset.id}`} />
            <p className="muted small">
              {t('datasets.items', { count: dataset.itemCount.toLocaleString(language) })}
              {' · '}
              <span data-testid={`dataset-submitted-${dataset.id}`}>
                {t('datasets.submitted', { submitted: dataset.submittedCount, total: dataset.itemCount })}
              </span>
            </p>
          </li>
        ))}
      </ul>
    </main>
  );
}
