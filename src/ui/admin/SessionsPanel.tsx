import { useCallback, useEffect, useState } from 'react';
import type { SessionInfo, User } from '../../core/api';
import { useLanguage, useT } from '../../i18n';
import { appServices } from '../../store';
import { ErrorText } from '../common/ErrorText';
import { useAdminAction } from './useAdminAction';

/** One account's live sessions (when, from where, with what), each revocable, or all at once. */
export function SessionsPanel({ user, onClose }: { readonly user: User; readonly onClose: () => void }) {
  const t = useT();
  const [language] = useLanguage();
  const [sessions, setSessions] = useState<readonly SessionInfo[] | null>(null);
  const { busy, error, run } = useAdminAction();

  const load = useCallback(async () => setSessions(await appServices().api.listSessions(user.id)), [user.id]);
  useEffect(() => {
    void run(load);
    // Loads when the account changes; `run` is a new function every render.
  }, [load]);

  const revoke = (sessionId: string | null) =>
    run(async () => {
      await appServices().api.revokeSessions(user.id, sessionId);
      await load();
    });

  const when = (iso: string) => new Date(iso).toLocaleString(language);
  return (
    <section className="sessions" aria-labelledby="sessions-title" data-testid="user-sessions" data-ready={sessions !== null && !busy}>
      <h3 id="sessions-title">{t('admin.users.sessionsOf', { username: user.username })}</h3>
      {sessions?.length === 0 && <p data-testid="sessions-empty">{t('admin.users.noSessions')}</p>}
      {sessions && sessions.length > 0 && (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('admin.users.sessionStarted')}</th>
              <th scope="col">{t('admin.users.sessionLastSeen')}</th>
              <th scope="col">{t('admin.users.sessionClient')}</th>
              <th scope="col">{t('admin.users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id} data-testid="session-row">
                <td>{when(session.createdAt)}</td>
                <td>{when(session.lastSeenAt)}</td>
                <td className="small">{[session.clientAddress, session.userAgent].filter(Boolean).join(' · ')}</td>
                <td>
                  <button type="button" data-testid="session-revoke" disabled={busy} onClick={() => void revoke(session.id)}>
                    {t('admin.users.revokeSession')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorText error={error} testId="sessions-error" />
      <div className="row">
        <button type="button" data-testid="sessions-revoke-all" disabled={busy || !sessions?.length} onClick={() => void revoke(null)}>
          {t('admin.users.revokeAll')}
        </button>
        <button type="button" data-testid="sessions-close" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </section>
  );
}
