import { useT } from '../i18n';
import { useAppStore } from '../store';
import { DatasetListPage } from './catalog/DatasetListPage';
import { ItemListPage } from './catalog/ItemListPage';
import { Header } from './Header';
import { ItemPage } from './item/ItemPage';
import { Link } from './Link';
import { ChangePasswordPage } from './login/ChangePasswordPage';
import { LoginPage } from './login/LoginPage';
import { lazyScreen } from './lazyScreen';
import { paths, useRoute, type Route } from './router';

// Screens of the admin, the WG lead and the reviewer: loaded when first shown.
const AdminPage = lazyScreen(() => import('./admin/AdminPage').then((m) => m.AdminPage));
const DashboardPage = lazyScreen(() => import('./dashboard/DashboardPage').then((m) => m.DashboardPage));
const CreditPage = lazyScreen(() => import('./credit/CreditPage').then((m) => m.CreditPage));
const ReleasesPage = lazyScreen(() => import('./releases/ReleasesPage').then((m) => m.ReleasesPage));
const ReviewQueuePage = lazyScreen(() => import('./review/queue/ReviewQueuePage').then((m) => m.ReviewQueuePage));
const ReviewItemPage = lazyScreen(() => import('./review/item/ReviewItemPage').then((m) => m.ReviewItemPage));
const AdjudicationPage = lazyScreen(() => import('./adjudication/AdjudicationPage').then((m) => m.AdjudicationPage));

export function App() {
  const status = useAppStore((state) => state.sessionStatus);
  const expired = useAppStore((state) => state.sessionExpired);
  const mustChange = useAppStore((state) => state.session?.user.mustChangePassword ?? false);
  return (
    <div className="app" data-testid="app" data-session={status}>
      <Header />
      {status === 'restoring' ? null : status === 'anonymous' || expired ? (
        <LoginPage />
      ) : mustChange ? (
        <ChangePasswordPage />
      ) : (
        <Screens />
      )}
    </div>
  );
}

function Screens() {
  const route = useRoute();
  return <Screen route={route} />;
}

function Screen({ route }: { readonly route: Route }) {
  const t = useT();
  switch (route.name) {
    case 'datasets':
      return <DatasetListPage />;
    case 'dataset':
      return <ItemListPage datasetId={route.datasetId} />;
    case 'item':
      return <ItemPage itemId={route.itemId} />;
    case 'admin':
      return <AdminPage />;
    case 'reviewQueue':
      return <ReviewQueuePage />;
    case 'dashboard':
      return <DashboardPage datasetId={route.datasetId} />;
    case 'credit':
      return <CreditPage userId={route.userId} />;
    case 'reviewItem':
      return <ReviewItemPage itemId={route.itemId} />;
    case 'adjudicate':
      return <AdjudicationPage itemId={route.itemId} />;
    case 'releases':
      return <ReleasesPage datasetId={route.datasetId} />;
    case 'notFound':
      return (
        <main className="page">
          <p className="error">{t('error.pageNotFound', { path: route.path })}</p>
          <Link href={paths.datasets()}>{t('nav.backToDatasets')}</Link>
        </main>
      );
  }
}
