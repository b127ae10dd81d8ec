import { useState, type FormEvent } from 'react';
import type { PushOutcome, User } from '../../core/api';
import { useT } from '../../i18n';
import { appServices } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { PacsConnectionFields } from './PacsConnectionFields';
import { DatasetSelect, useChosenDataset } from './DatasetSelect';
import { EMPTY_PACS_PUSH_FORM, pacsPushRequest, type PacsPushForm } from './pacsPushRequest';
import { useAdminAction } from './useAdminAction';

/**
 * Pushes a dataset's SEG and SR exports to a PACS by STOW-RS, beside the pull form: the server
 * answers one page of items at a time, so the form asks page after page, showing the outcomes as
 * they come; an object the PACS already holds is reported, not sent again.
 */
export function PacsPushPanel({ users }: { readonly users: readonly User[] }) {
  const t = useT();
  const [datasetId, setDatasetId] = useChosenDataset();
  const [form, setForm] = useState<PacsPushForm>(EMPTY_PACS_PUSH_FORM);
  const [problem, setProblem] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<readonly PushOutcome[] | null>(null);
  const [items, setItems] = useState(0);
  const { busy, error, run } = useAdminAction();
  const edit = (change: Partial<PacsPushForm>) => setForm((current) => ({ ...current, ...change }));

  async function push(event: FormEvent): Promise<void> {
    event.preventDefault();
    const built = pacsPushRequest(form);
    if ('problem' in built) {
      setProblem(t(built.problem));
      return;
    }
    setProblem(null);
    setOutcomes([]);
    setItems(0);
    await run(async () => {
      let after: string | undefined;
      do {
        const answer = await appServices().api.pushToPacs(datasetId, { ...built.request, ...(after ? { after } : {}) });
        setOutcomes((current) => [...(current ?? []), ...answer.outcomes]);
        setItems((count) => count + new Set(answer.outcomes.map((o) => o.itemId)).size);
        after = answer.next ?? undefined;
      } while (after);
    });
  }

  const count = (status: PushOutcome['status']) => (outcomes ?? []).filter((o) => o.status === status).length;
  return (
    <section className="card" aria-labelledby="pacs-push-title" data-testid="admin-pacs-push">
      <h2 id="pacs-push-title">{t('pacsPush.title')}</h2>
      <p className="muted">{t('pacsPush.intro')}</p>
      <form className="form" onSubmit={push} aria-label={t('pacsPush.title')} aria-busy={busy}>
        <DatasetSelect testId="pacs-push-dataset" value={datasetId} onChange={setDatasetId} />
        <PacsConnectionFields form={form} edit={edit} testId="pacs-push" />
        <fieldset>
          <legend>{t('pacsPush.objects')}</legend>
          {(['seg', 'sr'] as const).map((object) => (
            <label key={object}>
              <input type="checkbox" data-testid={`pacs-push-${object}`} checked={form[object]} onChange={(e) => edit({ [object]: e.target.checked })} />
              {object.toUpperCase()}
            </label>
          ))}
        </fieldset>
        <label>
          {t('pacsPush.reader')}
          <select data-testid="pacs-push-reader" value={form.reader} onChange={(e) => edit({ reader: e.target.value })}>
            <option value="consensus">{t('pacsPush.consensus')}</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.displayName}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" data-testid="pacs-push-submit" disabled={busy || !datasetId}>
          {t('pacsPush.submit')}
        </button>
      </form>
      {problem && (
        <p className="error" role="alert" data-testid="pacs-push-problem">
          {problem}
        </p>
      )}
      <ErrorText error={error} testId="pacs-push-error" />
      {outcomes && (
        <p role="status" data-testid="pacs-push-summary" data-done={!busy}>
          {!busy && outcomes.length === 0 ? t('pacsPush.none') : t('pacsPush.progress', { items, stored: count('stored'), already: count('alreadyThere'), refused: count('refused') })}
        </p>
      )}
      {outcomes && outcomes.length > 0 && (
        <table className="compact upload-report" data-testid="pacs-push-report">
          <thead>
            <tr>
              <th scope="col">{t('pacsPush.item')}</th>
              <th scope="col">{t('pacsPush.object')}</th>
              <th scope="col">{t('admin.upload.result')}</th>
            </tr>
          </thead>
          <tbody>
            {outcomes.map((outcome) => (
              <tr key={`${outcome.itemId}-${outcome.object}`} data-status={outcome.status}>
                <td className="file-name">{outcome.itemId}</td>
                <td>{outcome.object.toUpperCase()}</td>
                <td>{outcome.status === 'refused' ? t('pacsPush.status.refused', { reason: outcome.reason }) : t(outcome.status === 'stored' ? 'pacsPush.status.stored' : 'pacsPush.status.alreadyThere')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
