import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Role, User } from '../../core/api';
import { useT, type MessageKey } from '../../i18n';
import { appServices } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';
import { ErrorText } from '../common/ErrorText';
import { useAdminAction } from './useAdminAction';
import { oneTimePassword } from './oneTimePassword';

const ROLES: readonly Role[] = ['annotator', 'reviewer', 'admin'];
export const ROLE_KEYS: Readonly<Record<Role, MessageKey>> = {
  annotator: 'role.annotator',
  reviewer: 'role.reviewer',
  admin: 'role.admin',
};

/** Users and account creation; the one-time password is shown once, right after creation. */
export function UsersPanel({ users, onChanged }: { readonly users: readonly User[]; readonly onChanged: () => void }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<readonly Role[]>(['annotator']);
  const { busy, error, run } = useAdminAction();
  const [created, setCreated] = useState<{ readonly user: User; readonly password: string } | null>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setCreated(null);
    const password = oneTimePassword();
    await run(async () => {
      const user = await appServices().api.createUser({
        username: username.trim(),
        displayName: displayName.trim() || username.trim(),
        password,
        roles,
      });
      setCreated({ user, password });
      setUsername('');
      setDisplayName('');
      onChanged();
    });
  }

  const toggleRole = (role: Role, on: boolean) =>
    setRoles((current) => (on ? [...current.filter((r) => r !== role), role] : current.filter((r) => r !== role)));

  const taken = error?.kind === 'http' && error.status === 409;
  return (
    <section className="card" aria-labelledby="users-title" data-testid="admin-users">
      <h2 id="users-title">{t('admin.users.title')}</h2>
      <table className="compact">
        <thead>
          <tr>
            <th scope="col">{t('admin.users.username')}</th>
            <th scope="col">{t('admin.users.displayName')}</th>
            <th scope="col">{t('admin.users.roles')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-testid={`user-row-${user.username}`}>
              <td>{user.username}</td>
              <td>{user.displayName}</td>
              <td>{user.roles.map((role) => t(ROLE_KEYS[role])).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
        <button type="submit" className="primary" data-testid="new-user-submit" disabled={busy || roles.length === 0}>
          {t('admin.users.create')}
        </button>
      </form>
      {taken ? (
        <p className="error" role="alert" data-testid="new-user-error">
          {t('admin.users.taken')}
        </p>
      ) : (
        <ErrorText error={error} testId="new-user-error" />
      )}
      {created && (
        <div className="notice one-time" role="status" data-testid="new-user-created">
          <p>{t('admin.users.created', { username: created.user.username })}</p>
          <p>
            {t('admin.users.oneTimePassword')} <code data-testid="new-user-password">{created.password}</code>
          </p>
          <p className="small">{t('admin.users.oneTimeHint')}</p>
        </div>
      )}
    </section>
  );
}

/** Loads the user list for the admin screen. */
export function useUsers(): { readonly users: readonly User[]; readonly error: AppError | null; readonly reload: () => void } {
  const [users, setUsers] = useState<readonly User[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const reload = useCallback(() => {
    appServices()
      .api.listUsers()
      .then(
        (list) => {
          setUsers(list);
          setError(null);
        },
        (caught: unknown) => setError(toAppError(caught)),
      );
  }, []);
  useEffect(reload, [reload]);
  return { users, error, reload };
}
