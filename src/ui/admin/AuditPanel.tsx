import { useEffect, useState, type FormEvent } from 'react';
import type { AuditChainVerdict, AuditEntry, User } from '../../core/api';
import type { AuditFilter } from '../../data/auditQuery';
import { useLanguage, useT } from '../../i18n';
import { appServices } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { auditDetailText } from './auditDetailText';
import { useAdminAction } from './useAdminAction';
import { UserOptions } from './UserOptions';

const PAGE = 50;

/** `<input type="datetime-local">` gives local time without an offset; the server wants an ISO time. */
const isoOf = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

/**
 * The audit log for admins, opened on request: its rows are data (action names, ids, details), not
 * UI text, and the admin page itself loads no log until asked.
 */
export function AuditPanel({ users }: { readonly users: readonly User[] }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return open ? (
    <AuditLog users={users} />
  ) : (
    <section aria-labelledby="audit-title" data-testid="audit-panel">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <button type="button" data-testid="audit-open" onClick={() => setOpen(true)}>
        {t('audit.open')}
      </button>
    </section>
  );
}

/** Filters, newest-first pages with "older", and the hash chain's check. */
function AuditLog({ users }: { readonly users: readonly User[] }) {
  const t = useT();
  const [language] = useLanguage();
  const [form, setForm] = useState({ user: '', entity: '', action: '', from: '', to: '' });
  const [filter, setFilter] = useState<AuditFilter>({});
  const [entries, setEntries] = useState<readonly AuditEntry[] | null>(null);
  const [hasOlder, setHasOlder] = useState(false);
  const [verdict, setVerdict] = useState<AuditChainVerdict | null>(null);
  const list = useAdminAction();
  const verify = useAdminAction();

  const load = (next: AuditFilter, older: readonly AuditEntry[]) =>
    list.run(async () => {
      const page = await appServices().api.listAudit({ ...next, limit: PAGE });
      setEntries([...older, ...page]);
      setHasOlder(page.length === PAGE);
    });

  useEffect(() => {
    void load({}, []);
    // Loads the newest page once; later loads follow the form.
  }, []);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next: AuditFilter = { user: form.user, entity: form.entity.trim(), action: form.action.trim(), from: isoOf(form.from), to: isoOf(form.to) };
    setFilter(next);
    setEntries(null);
    void load(next, []);
  };
  const older = () => {
    const last = entries?.at(-1);
    if (last && entries) void load({ ...filter, before: last.seq }, entries);
  };
  const check = () => verify.run(async () => setVerdict(await appServices().api.verifyAudit()));
  const field = (name: keyof typeof form) => ({ value: form[name], onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }) });

  return (
    <section aria-labelledby="audit-title" data-testid="audit-panel" data-ready={entries !== null && !list.busy}>
      <h2 id="audit-title">{t('audit.title')}</h2>
      <p className="small">{t('audit.intro')}</p>
      <form className="row" onSubmit={apply} data-testid="audit-filter">
        <label>
          {t('audit.filter.user')}
          <select data-testid="audit-user" {...field('user')}>
            <option value="">{t('audit.filter.anyUser')}</option>
            <UserOptions users={users} />
          </select>
        </label>
        <label>
          {t('audit.filter.entity')}
          <input data-testid="audit-entity" maxLength={200} {...field('entity')} />
        </label>
        <label>
          {t('audit.filter.action')}
          <input data-testid="audit-action" maxLength={64} placeholder="annotation." {...field('action')} />
        </label>
        <label>
          {t('audit.filter.from')}
          <input type="datetime-local" data-testid="audit-from" {...field('from')} />
        </label>
        <label>
          {t('audit.filter.to')}
          <input type="datetime-local" data-testid="audit-to" {...field('to')} />
        </label>
        <button type="submit" data-testid="audit-apply" disabled={list.busy}>
          {t('audit.filter.apply')}
        </button>
      </form>
      <ErrorText error={list.error} testId="audit-error" />
      {entries?.length === 0 && <p data-testid="audit-empty">{t('audit.none')}</p>}
      {entries && entries.length > 0 && (
        <table className="compact" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.column.time')}</th>
              <th scope="col">{t('audit.column.user')}</th>
              <th scope="col">{t('audit.column.action')}</th>
              <th scope="col">{t('audit.column.entity')}</th>
              <th scope="col">{t('audit.column.revision')}</th>
              <th scope="col">{t('audit.column.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq} data-testid="audit-row" data-action={entry.action}>
                <td>{new Date(entry.at).toLocaleString(language)}</td>
                <td data-testid="audit-row-user">{entry.userName ?? entry.userId ?? t('audit.noUser')}</td>
                <td>{entry.action}</td>
                <td className="small">
                  {entry.entity} {entry.entityId}
                </td>
                <td>{entry.revision ?? ''}</td>
                <td className="small">{auditDetailText(entry.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        {hasOlder && (
          <button type="button" data-testid="audit-older" disabled={list.busy} onClick={older}>
            {t('audit.older')}
          </button>
        )}
        <button type="button" data-testid="audit-verify" disabled={verify.busy} onClick={() => void check()}>
          {t('audit.verify')}
        </button>
      </div>
      <ErrorText error={verify.error} testId="audit-verify-error" />
      {verdict && (
        <p data-testid="audit-verdict" data-ok={verdict.ok} role="status" className={verdict.ok ? undefined : 'error'}>
          {verdict.ok
            ? t('audit.verify.ok', { count: verdict.checked })
            : t('audit.verify.broken', { place: verdict.break?.chainIndex ?? 0, message: verdict.break?.message ?? '' })}
        </p>
      )}
    </section>
  );
}
