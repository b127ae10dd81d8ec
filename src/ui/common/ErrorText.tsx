import { useT } from '../../i18n';
import type { AppError } from '../../store/loadError';
import { errorKey } from './errorMessages';

/** One error as a sentence in the UI language (see errorMessages.ts), never the server's raw message. */
export function ErrorText({ error, testId }: { readonly error: AppError | null; readonly testId?: string }) {
  const t = useT();
  if (!error) return null;
  return (
    <p className="error" role="alert" data-testid={testId} data-error-code={error.kind === 'http' ? error.code : error.kind}>
      {t(errorKey(error))}
    </p>
  );
}
