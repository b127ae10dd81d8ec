import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';
import { ErrorText } from '../common/ErrorText';

export function LoginPage() {
  const t = useT();
  const login = useAppStore((state) => state.login);
  const expired = useAppStore((state) => state.sessionExpired);
  const disabled = useAppStore((state) => state.accountDisabled);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (caught) {
      setError(toAppError(caught));
      setBusy(false);
    }
  }

  const invalid = error?.kind === 'http' && error.status === 401;
  return (
    <main className="page narrow">
      <form className="card form" onSubmit={submit} data-testid="login-form" aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        {expired && (
          <p className="notice" role="status" data-testid="login-notice">
            {t(disabled ? 'login.signedOutDisabled' : 'login.expired')}
          </p>
        )}
        <label>
          {t('login.username')}
          <input
            data-testid="login-username"
            autoComplete="username"
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {invalid ? (
          <p className="error" role="alert" data-testid="login-error">
            {t('login.invalid')}
          </p>
        ) : (
          <ErrorText error={error} testId="login-error" />
        )}
        <button type="submit" className="primary" data-testid="login-submit" disabled={busy}>
          {busy ? t('login.signingIn') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
