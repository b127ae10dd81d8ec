import { useState, type FormEvent } from 'react';
import type { User } from '../../core/api';
import { useT } from '../../i18n';
import { ErrorText } from '../common/ErrorText';
import { useChosenDataset } from './DatasetSelect';
import { PacsFormCard } from './PacsFormCard';
import { PacsPushReport } from './PacsPushReport';
import { PacsPushStatus } from './PacsPushStatus';
import { EMPTY_PACS_PUSH_FORM, pacsPushRequest, type PacsPushForm } from './pacsPushRequest';
import { isPushing } from './pacsPushRun';
import { usePacsPush } from './usePacsPush';

/**
 * Pushes a dataset's SEG and SR exports to a PACS by STOW-RS, beside the pull form: the server
 * answers one page of items at a time, so the form asks page after page, showing how many items
 * are done and the outcomes as they come; Cancel stops after the page in flight. An object the
 * PACS already holds is reported, not sent again, so a push after a cancel sends the rest.
 */
export function PacsPushPanel({ users }: { readonly users: readonly User[] }) {
  const t = useT();
  const chosen = useChosenDataset();
  const [datasetId] = chosen;
  const [form, setForm] = useState<PacsPushForm>(EMPTY_PACS_PUSH_FORM);
  const [problem, setProblem] = useState<string | null>(null);
  const { run, error, start, cancel } = usePacsPush();
  const busy = isPushing(run);
  const edit = (change: Partial<PacsPushForm>) => setForm((current) => ({ ...current, ...change }));

  async function push(event: FormEvent): Promise<void> {
    event.preventDefault();
    const built = pacsPushRequest(form);
    if ('problem' in built) {
      setProblem(t(built.problem));
      return;
    }
    setProblem(null);
    // The request carries the password for this push's pages; the form does not keep it.
    edit({ password: '' });
    await start(datasetId, built.request);
  }

  return (
    <PacsFormCard
      kind="push"
      busy={busy}
      onSubmit={(event) => void push(event)}
      dataset={chosen}
      connection={form}
      edit={edit}
      fields={
        <>
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
          <div className="inline-form">
            <button type="submit" className="primary" data-testid="pacs-push-submit" disabled={busy || !datasetId}>
              {t('pacsPush.submit')}
            </button>
            {busy && (
              <button type="button" data-testid="pacs-push-cancel" disabled={run?.phase === 'cancelling'} onClick={cancel}>
                {t('pacsPush.cancel')}
              </button>
            )}
          </div>
        </>
      }
    >
      {problem && (
        <p className="error" role="alert" data-testid="pacs-push-problem">
          {problem}
        </p>
      )}
      <ErrorText error={error} testId="pacs-push-error" />
      {run && <PacsPushStatus run={run} />}
      {run && <PacsPushReport outcomes={run.outcomes} />}
    </PacsFormCard>
  );
}
