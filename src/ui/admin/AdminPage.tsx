import { useEffect, useMemo } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { adminSections } from './adminSections';
import { AssignPanel } from './AssignPanel';
import { DatasetsPanel } from './DatasetsPanel';
import { ModelsPanel } from './ModelsPanel';
import { UploadPanel } from './UploadPanel';
import { UsersPanel, useUsers } from './UsersPanel';

export function AdminPage() {
  const t = useT();
  const roles = useAppStore((state) => state.session?.user.roles);
  const sections = useMemo(() => adminSections(roles ?? []), [roles]);
  const loadDatasets = useAppStore((state) => state.loadDatasets);

  useEffect(() => {
    void loadDatasets();
  }, [loadDatasets]);

  if (sections.length === 0) {
    return (
      <main className="page">
        <p className="error" role="alert">
          {t('error.forbidden')}
        </p>
      </main>
    );
  }
  return (
    <main className="page admin" data-testid="admin-page">
      <h1>{t('admin.title')}</h1>
      {sections.includes('users') && <UsersSection />}
      {sections.includes('datasets') && <DatasetsPanel />}
      {sections.includes('upload') && <UploadPanel />}
      {sections.includes('assign') && <AssignPanel />}
      {sections.includes('models') && <ModelsPanel />}
    </main>
  );
}

/** Accounts: listed only for those who administer them. */
function UsersSection() {
  const { users, error, reload } = useUsers();
  return (
    <>
      <ErrorText error={error} testId="admin-error" />
      <UsersPanel users={users} onChanged={reload} />
    </>
  );
}
