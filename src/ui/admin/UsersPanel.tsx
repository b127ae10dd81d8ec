import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ROLES, type Role, type User } from '../../core/api';
import { useT, type MessageKey } from '../../i18n';
import { appServices, useAppStore } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';
import { ErrorText } from '../common/ErrorText';
import { OneTimePasswordNotice } from './OneTimePasswordNotice';
import { SessionsPanel } from './SessionsPanel';
import { useAdminAction } from './useAdminAction';

export const ROLE_KEYS: Readonly<Record<Role, MessageKey>> = {
  annotator: 'role.annotator',
  reviewer: 'role.reviewer',
  wgLead: 'role.wgLead',
  admin: 'role.admin',
};

/** A one-time password the server just issued, with the sentence that goes with it. */
interface Issued {
  readonly message: string;
  readonly password: string;
}

/**
 * Users: creating accounts (the server makes the one-time password, shown once), disabling and
 * re-enabling them, resetting their password, and their sessions.
 */
export function UsersPanel({ users, onChanged }: { readonly users: readonly User[]; readonly onChanged: () => void }) {
  const t = useT();
  const myId = useAppStore((state) => state.session?.user.id ?? null);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<readonly Role[]>(['annotator']);
  const creation = useAdminAction();
  const rowAction = useAdminAction();
  const [issued, setIssued] = useState<Issued | null>(null);
  const [sessionsOf, setSessionsOf] = useState<User | null>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setIssued(null);
    await creation.run(async () => {
      const name = username.trim();
      const created = await appServices().api.createUser({ username: name, displayName: displayName.trim() || name, roles });
      if (created.oneTimePassword) setIssued({ message: t('admin.users.created', { username: created.username }), password: created.oneTimePassword });
      setUsername('');
      setDisplayName('');
      onChanged();
    });
  }

  const setDisabled = (user: User, disabled: boolean) =>
    rowAction.run(async () => {
      await appServices().api.updateUser(user.id, { disabled });
      onChanged();
    });

  const resetPassword = (user: User) =>
    rowAction.run(async () => {
      setIssued(null);
      const reset = await appServices().api.resetPassword(user.id);
      if (reset.oneTimePassword) setIssued({ message: t('admin.users.resetDone', { username: user.username }), password: reset.oneTimePassword });
      onChanged();
    });

  const toggleRole = (role: Role, on: boolean) =>
    setRoles((current) => (on ? [...current.filter((r) => r !== role), role] : current.filter((r) => r !== role)));

  return (
    <section className="card" aria-labelledby="users-title" data-testid="admin-users">
      <h2 id="users-title">{t('admin.users.title')}</h2>
      <table className="compact">
        <thead>
          <tr>
            <th scope="col">{t('admin.users.username')}</th>
            <th scope="col">{t('admin.users.displayName')}</th>
            <th scope="col">{t('admin.users.roles')}</th>
            <th scope="col">{t('admin.users.status')}</th>
            <th scope="col">{t('admin.users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-testid={`user-row-${user.username}`} data-disabled={user.disabled}>
              <td>{user.username}</td>
              <td>{user.displayName}</td>
              <td>{user.roles.map((role) => t(ROLE_KEYS[role])).join(', ')}</td>
              <td data-testid="user-status">{t(user.disabled ? 'admin.users.disabled' : 'admin.users.active')}</td>
              <td className="row">
                <button
                  type="button"
                  data-testid={user.disabled ? 'user-enable' : 'user-disable'}
                  disabled={rowAction.busy || (!user.disabled && user.id === myId)}
                  onClick={() => void setDisabled(user, !user.disabled)}
                >
                  {t(user.disabled ? 'admin.users.enable' : 'admin.users.disable')}
                </button>
                <button type="button" data-testid="user-reset-password" disabled={rowAction.busy || user.id === myId} onClick={() => void resetPassword(user)}>
                  {t('admin.users.resetPassword')}
                </button>
                <button type="button" data-testid="user-sessions-open" onClick={() => setSessionsOf(user)}>
                  {t('admin.users.showSessions')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorText error={rowAction.error} testId="user-action-error" />
      {sessionsOf && <SessionsPanel key={sessionsOf.id} user={sessionsOf} onClose={() => setSessionsOf(null)} />}
      <form className="form inline-form" onSubmit={submit} aria-label={t('admin.users.create')}>
        <label>
          {t('admin.users.username')}
          <input data-testid="new-user-username" required pattern="[A-Za-z0-9._\-]+" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('admin.users.displayName')}
          <input data-testid="new-user-display-name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <fieldset>
          <legend>{t('admin.users.roles')}</legend>
          {ROLES.map((role) => (
            <label key={role} className="check">
              <input type="checkbox" data-testid={`new-user-role-${role}`} checked={roles.includes(role)} onChange={(e) => toggleRole(role, e.target.checked)} />
              {t(ROLE_KEYS[role])}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" data-testid="new-user-submit" disabled={creation.busy || roles.length === 0}>
          {t('admin.users.create')}
        </button>
      </form>
      <ErrorText error={creation.error} testId="new-user-error" />
      {issued && <OneTimePasswordNotice message={issued.message} password={issued.password} />}
    </section>
  );
}

/** Loads the user list for the admin screen. */
export function useUsers(enabled = true): { readonly users: readonly User[]; readonly error: AppError | null; readonly reload: () => void } {
  const [users, setUsers] = useState<readonly User[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const reload = useCallback(() => {
    if (!enabled) return;
    appServices()
      .api.listUsers()
      .then(
        (list) => {
          setUsers(list);
          setError(null);
        },
        (caught: unknown) => setError(toAppError(caught)),
      );
  }, [enabled]);
  useEffect(reload, [reload]);
  return { users, error, reload };
}
