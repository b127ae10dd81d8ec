import { useT } from '../../i18n';

/** A one-time password the server issued (new account or reset), shown once, right after. */
export function OneTimePasswordNotice({ message, password }: { readonly message: string; readonly password: string }) {
  const t = useT();
  return (
    <div className="notice one-time" role="status" data-testid="one-time-password">
      <p>{message}</p>
      <p>
        {t('admin.users.oneTimePassword')} <code data-testid="one-time-password-value">{password}</code>
      </p>
      <p className="small">{t('admin.users.oneTimeHint')}</p>
    </div>
  );
}
