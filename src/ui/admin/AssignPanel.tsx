import { useState, type FormEvent } from 'react';
import type { User } from '../../core/api';
import { useT } from '../../i18n';
import { appServices, useAppStore } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { DatasetSelect, useChosenDataset } from './DatasetSelect';
import { useAdminAction } from './useAdminAction';
import { UserOptions } from './UserOptions';

/** Assigns every item of a dataset to a user (the server ignores items already assigned). */
export function AssignPanel({ users }: { readonly users: readonly User[] }) {
  const t = useT();
  const [chosenDataset, setDatasetId] = useChosenDataset();
  const loadDatasets = useAppStore((state) => state.loadDatasets);
  const [userId, setUserId] = useState('');
  const { busy, error, run } = useAdminAction();
  const [assigned, setAssigned] = useState<number | null>(null);
  const chosenUser = userId || users[0]?.id || '';

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setAssigned(null);
    await run(async () => {
      const result = await appServices().api.assign(chosenDataset, { userId: chosenUser });
      setAssigned(result.assigned);
      await loadDatasets();
    });
  }

  return (
    <section className="card" aria-labelledby="assign-title" data-testid="admin-assign">
      <h2 id="assign-title">{t('admin.assign.title')}</h2>
      <form className="form inline-form" onSubmit={submit}>
        <DatasetSelect testId="assign-dataset" value={chosenDataset} onChange={setDatasetId} />
        <label>
          {t('admin.assign.user')}
          <select data-testid="assign-user" value={chosenUser} onChange={(e) => setUserId(e.target.value)}>
            <UserOptions users={users} />
          </select>
        </label>
        <button type="submit" className="primary" data-testid="assign-submit" disabled={busy || !chosenDataset || !chosenUser}>
          {t('admin.assign.submit')}
        </button>
      </form>
      {assigned !== null && (
        <p role="status" data-testid="assign-result">
          {t('admin.assign.done', { count: assigned })}
        </p>
      )}
      <ErrorText error={error} testId="assign-error" />
    </section>
  );
}
