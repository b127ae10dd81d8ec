import { useEffect } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { AssignPanel } from './AssignPanel';
import { AuditPanel } from './AuditPanel';
import { DatasetsPanel } from './DatasetsPanel';
import { ModelsPanel } from './ModelsPanel';
import { UploadPanel } from './UploadPanel';
import { UsersPanel, useUsers } from './UsersPanel';

export function AdminPage() {
  const t = useT();
  const isAdmin = useAppStore((state) => state.session?.user.roles.includes('admin') ?? false);
  const loadDatasets = useAppStore((state) => state.loadDatasets);
  const { users, error, reload } = useUsers();

  useEffect(() => {
    void loadDatasets();
  }, [loadDatasets]);

  if (!isAdmin) {
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
      <ErrorText error={error} testId="admin-error" />
      <UsersPanel users={users} onChanged={reload} />
      <DatasetsPanel />
      <UploadPanel />
      <AssignPanel users={users} />
      <ModelsPanel />
      <AuditPanel users={users} />
    </main>
  );
}
