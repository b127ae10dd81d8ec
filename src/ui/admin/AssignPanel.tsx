import { useEffect, useState, type FormEvent } from 'react';
import type { AssignResult, Reader } from '../../core/api';
import { ASSIGN_STRATEGIES, type AssignStrategy } from '../../core/assignment/planAssignments';
import { useT, type MessageKey } from '../../i18n';
import { appServices, useAppStore } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';
import { ErrorText } from '../common/ErrorText';
import { assignRequestOf } from './assignRequest';
import { DatasetSelect, useChosenDataset } from './DatasetSelect';
import { useAdminAction } from './useAdminAction';

const STRATEGY_KEYS: Readonly<Record<AssignStrategy, MessageKey>> = {
  everyReader: 'admin.assign.strategy.everyReader',
  roundRobin: 'admin.assign.strategy.roundRobin',
  balanced: 'admin.assign.strategy.balanced',
};

/**
 * Assigns a dataset's items to readers: each chosen reader reads every item, or the items are
 * spread N readers per item round-robin or by open work; optionally with a due date. The server
 * counts readers an item already has, so asking again only fills what is missing.
 */
export function AssignPanel() {
  const t = useT();
  const [chosenDataset, setDatasetId] = useChosenDataset();
  const loadDatasets = useAppStore((state) => state.loadDatasets);
  const [readerIds, setReaderIds] = useState<readonly string[]>([]);
  const [strategy, setStrategy] = useState<AssignStrategy>('everyReader');
  const [readersPerItem, setReadersPerItem] = useState('1');
  const [dueDate, setDueDate] = useState('');
  const { busy, error, run } = useAdminAction();
  const [result, setResult] = useState<AssignResult | null>(null);
  const { readers, error: readersError } = useReaders();
  const nameOf = (userId: string) => readers.find((reader) => reader.id === userId)?.displayName ?? userId;

  function toggleReader(userId: string, on: boolean): void {
    setReaderIds((current) => (on ? [...current, userId] : current.filter((id) => id !== userId)));
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setResult(null);
    await run(async () => {
      setResult(await appServices().api.assign(chosenDataset, assignRequestOf({ readerIds, strategy, readersPerItem, dueDate })));
      await loadDatasets();
    });
  }

  return (
    <section className="card" aria-labelledby="assign-title" data-testid="admin-assign">
      <h2 id="assign-title">{t('admin.assign.title')}</h2>
      <form className="form inline-form" onSubmit={submit}>
        <DatasetSelect testId="assign-dataset" value={chosenDataset} onChange={setDatasetId} />
        <fieldset>
          <legend>{t('admin.assign.readers')}</legend>
          {readers.map((user) => (
            <label key={user.id} className="check">
              <input
                type="checkbox"
                data-testid={`assign-reader-${user.username}`}
                checked={readerIds.includes(user.id)}
                onChange={(e) => toggleReader(user.id, e.target.checked)}
              />
              {user.displayName} ({user.username})
            </label>
          ))}
        </fieldset>
        <label>
          {t('admin.assign.strategy')}
          <select data-testid="assign-strategy" value={strategy} onChange={(e) => setStrategy(e.target.value as AssignStrategy)}>
            {ASSIGN_STRATEGIES.map((value) => (
              <option key={value} value={value}>
                {t(STRATEGY_KEYS[value])}
              </option>
            ))}
          </select>
        </label>
        {strategy !== 'everyReader' && (
          <label>
            {t('admin.assign.readersPerItem')}
            <input
              type="number"
              min={1}
              max={Math.max(1, readerIds.length)}
              data-testid="assign-readers-per-item"
              value={readersPerItem}
              onChange={(e) => setReadersPerItem(e.target.value)}
            />
          </label>
        )}
        <label>
          {t('admin.assign.dueDate')}
          <input type="date" data-testid="assign-due-date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </label>
        <button type="submit" className="primary" data-testid="assign-submit" disabled={busy || !chosenDataset || readerIds.length === 0}>
          {t('admin.assign.submit')}
        </button>
      </form>
      {result !== null && (
        <div role="status" data-testid="assign-result">
          <p>{t('admin.assign.done', { count: result.assigned })}</p>
          <ul className="assign-readers">
            {result.readers.map((reader) => (
              <li key={reader.userId}>{t('admin.assign.doneReader', { name: nameOf(reader.userId), count: reader.assigned })}</li>
            ))}
          </ul>
        </div>
      )}
      <ErrorText error={error ?? readersError} testId="assign-error" />
    </section>
  );
}

function useReaders(): { readonly readers: readonly Reader[]; readonly error: AppError | null } {
  const [readers, setReaders] = useState<readonly Reader[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    let live = true;
    appServices()
      .api.listReaders()
      .then(
        (list) => live && setReaders(list),
        (caught: unknown) => live && setError(toAppError(caught)),
      );
    return () => {
      live = false;
    };
  }, []);
  return { readers, error };
}
