import { useT } from '../../i18n';
import type { PacsConnectionForm } from './pacsConnection';

/** The PACS's service root, user and password; `testId` prefixes each input's test id. */
export function PacsConnectionFields({ form, edit, testId }: { form: PacsConnectionForm; edit: (change: Partial<PacsConnectionForm>) => void; testId: string }) {
  const t = useT();
  return (
    <>
      <label>
        {t('pacsPull.baseUrl')}
        <input type="url" data-testid={`${testId}-base-url`} placeholder="http://pacs:8042/dicom-web" value={form.baseUrl} onChange={(e) => edit({ baseUrl: e.target.value })} />
      </label>
      <div className="inline-form">
        <label>
          {t('pacsPull.username')}
          <input data-testid={`${testId}-username`} autoComplete="off" value={form.username} onChange={(e) => edit({ username: e.target.value })} />
        </label>
        <label>
          {t('pacsPull.password')}
          <input type="password" data-testid={`${testId}-password`} autoComplete="new-password" value={form.password} onChange={(e) => edit({ password: e.target.value })} />
        </label>
      </div>
    </>
  );
}
