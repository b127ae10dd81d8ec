import { useEffect, useMemo } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { adminSections } from './adminSections';
import { AssignPanel } from './AssignPanel';
import { AuditPanel } from './AuditPanel';
import { DatasetsPanel } from './DatasetsPanel';
import { DeidPolicyPanel } from './DeidPolicyPanel';
import { LabelSetMigrationPanel } from './labelSets/LabelSetMigrationPanel';
import { LabelSetsPanel } from './labelSets/LabelSetsPanel';
import { ModelsPanel } from './ModelsPanel';
import { PacsPullPanel } from './PacsPullPanel';
import { PacsPushPanel } from './PacsPushPanel';
import { UploadPanel } from './UploadPanel';
import { useLabelSets } from './useLabelSets';
import { UsersPanel, useUsers } from './UsersPanel';

export function AdminPage() {
  const t = useT();
  const roles = useAppStore((state) => state.session?.user.roles);
  const sections = useMemo(() => adminSections(roles ?? []), [roles]);
  const loadDatasets = useAppStore((state) => state.loadDatasets);
  // Accounts are listed only for those who administer them.
  const { users, error, reload } = useUsers(sections.includes('users'));
  const labelSets = useLabelSets();

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
      <ErrorText error={error} testId="admin-error" />
      {sections.includes('users') && <UsersPanel users={users} onChanged={reload} />}
      {sections.includes('labelSets') && <LabelSetsPanel labelSets={labelSets.labelSets} onChanged={labelSets.reload} />}
      {sections.includes('labelSets') && <LabelSetMigrationPanel labelSets={labelSets.labelSets} />}
      {sections.includes('datasets') && <DatasetsPanel labelSets={labelSets.labelSets} />}
      {sections.includes('datasets') && <DeidPolicyPanel />}
      {sections.includes('upload') && <UploadPanel />}
      {sections.includes('upload') && <PacsPullPanel />}
      {sections.includes('upload') && <PacsPushPanel users={users} />}
      {sections.includes('assign') && <AssignPanel />}
      {sections.includes('models') && <ModelsPanel />}
      {sections.includes('audit') && <AuditPanel users={users} />}
    </main>
  );
}

