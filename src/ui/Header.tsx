import { LANGUAGES, type Language } from '../i18n/types';
import { useLanguage, useT } from '../i18n';
import { useAppStore } from '../store';
import { adminSections } from './admin/adminSections';
import { useBrowserOnline } from './common/useBrowserOnline';
import { Link } from './Link';
import { reloadReviewQueue } from './review/queue/queueReload';
import { reviewsWork } from './review/queue/reviewAccess';
import { navigate, paths } from './router';
import { signOut } from './signOut';

const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { ja: '日本語', en: 'English' };

function LanguageSwitch() {
  const t = useT();
  const [language, setLanguage] = useLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('header.language')}>
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          data-testid={`lang-${option}`}
          aria-pressed={language === option}
          onClick={() => setLanguage(option)}
        >
          {LANGUAGE_NAMES[option]}
        </button>
      ))}
    </div>
  );
}

export function Header() {
  const t = useT();
  const user = useAppStore((state) => state.session?.user ?? null);
  const logout = useAppStore((state) => state.logout);
  // On the dataset list already, its link reloads the list (datasets created meanwhile appear);
  // from another page the list loads as it mounts.
  const loadDatasets = useAppStore((state) => state.loadDatasets);
  const reloadDatasets = () => void loadDatasets();
  const online = useBrowserOnline();

  async function signOutToList(): Promise<void> {
    await signOut(logout);
    navigate(paths.datasets());
  }

  return (
    <header className="app-header">
      <Link href={paths.datasets()} className="brand" data-testid="nav-home" onReselect={reloadDatasets}>
        {t('app.name')}
      </Link>
      {user && (
        <nav aria-label={t('nav.main')}>
          <Link href={paths.datasets()} data-testid="nav-datasets" onReselect={reloadDatasets}>
            {t('datasets.title')}
          </Link>
          {reviewsWork(user.roles) && (
            <Link href={paths.reviewQueue()} data-testid="nav-review" onReselect={reloadReviewQueue}>
              {t('nav.review')}
            </Link>
          )}
          <Link href={paths.credit(user.id)} data-testid="nav-credit">
            {t('credit.nav')}
          </Link>
          {adminSections(user.roles).length > 0 && (
            <Link href={paths.admin()} data-testid="nav-admin">
              {t('admin.title')}
            </Link>
          )}
        </nav>
      )}
      <span className="spacer" />
      {!online && (
        <span className="offline-banner" role="status" data-testid="offline-banner">
          {t('header.offline')}
        </span>
      )}
      <LanguageSwitch />
      {user && (
        <>
          <span className="user" data-testid="current-user">
            {user.displayName}
          </span>
          <button type="button" data-testid="logout" onClick={() => void signOutToList()}>
            {t('header.logout')}
          </button>
        </>
      )}
    </header>
  );
}
