import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';
import { ErrorText } from '../common/ErrorText';
import { signOut } from '../signOut';
import { MIN_PASSWORD_LENGTH } from '../../core/api';

/** Shown instead of the app while the account still has its one-time password. */
export function ChangePasswordPage() {
  const t = useT();
  const changePassword = useAppStore((state) => state.changePassword);
  const logout = useAppStore((state) => state.logout);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setError(null);
    if (next.length < MIN_PASSWORD_LENGTH) return setProblem(t('password.tooShort', { min: MIN_PASSWORD_LENGTH }));
    if (next !== confirm) return setProblem(t('password.mismatch'));
    if (next === current) return setProblem(t('password.same'));
    setProblem(null);
    setBusy(true);
    try {
      await changePassword(current, next);
    } catch (caught) {
      const appError = toAppError(caught);
      if (appError.kind === 'http' && appError.status === 401) setProblem(t('password.wrongCurrent'));
      else setError(appError);
      setBusy(false);
    }
  }

  return (
    <main className="page narrow">
      <form className="card form" onSubmit={submit} data-testid="password-form" aria-labelledby="password-title">
        <h1 id="password-title">{t('password.title')}</h1>
        <p>{t('password.explain')}</p>
        <label>
          {t('password.current')}
          <input data-testid="password-current" type="password" autoComplete="current-password" required value={current} onChange={(event) => setCurrent(event.target.value)} />
        </label>
        <label>
          {t('password.new')}
          <input data-testid="password-new" type="password" autoComplete="new-password" required value={next} onChange={(event) => setNext(event.target.value)} />
        </label>
        <label>
          {t('password.confirm')}
          <input data-testid="password-confirm" type="password" autoComplete="new-password" required value={confirm} onChange={(event) => setConfirm(event.target.value)} />
        </label>
        {problem && (
          <p className="error" role="alert" data-testid="password-error">
            {problem}
          </p>
        )}
        <ErrorText error={error} testId="password-error" />
        <div className="row">
          <button type="submit" className="primary" data-testid="password-submit" disabled={busy}>
            {t('password.submit')}
          </button>
          <button type="button" data-testid="password-logout" onClick={() => void signOut(logout)}>
            {t('header.logout')}
          </button>
        </div>
      </form>
    </main>
  );
}
