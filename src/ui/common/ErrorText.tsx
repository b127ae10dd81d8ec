import { useT, type MessageKey } from '../../i18n';
import type { AppError } from '../../store/loadError';

export function errorKey(error: AppError): MessageKey | null {
  if (error.kind === 'offline') return 'error.offline';
  if (error.kind === 'unexpected') return null;
  switch (error.status) {
    case 401:
      return 'error.unauthorized';
    case 403:
      return 'error.forbidden';
    case 404:
      return 'error.notFound';
    default:
      return null;
  }
}

/** One error as a sentence in the UI language; the server's own message when nothing fits better. */
export function ErrorText({ error, testId }: { readonly error: AppError | null; readonly testId?: string }) {
  const t = useT();
  if (!error) return null;
  const key = errorKey(error);
  const text = key || error.kind === 'offline' ? t(key ?? 'error.offline') : t('error.generic', { message: error.message });
  return (
    <p className="error" role="alert" data-testid={testId}>
      {text}
    </p>
  );
}
