import { useT } from '../../i18n';
import type { AppError } from '../../store/loadError';
import { accountErrorSentence } from './accountErrors';
import { errorKey } from './errorMessages';

/**
 * One error as a sentence in the UI language, never the server's raw message: an account error
 * with its details (a lockout's wait, the password length), else the sentence for its code.
 */
export function ErrorText({ error, testId }: { readonly error: AppError | null; readonly testId?: string }) {
  const t = useT();
  if (!error) return null;
  const sentence = accountErrorSentence(error) ?? { key: errorKey(error) };
  return (
    <p className="error" role="alert" data-testid={testId} data-error-code={error.kind === 'http' ? error.code : error.kind}>
      {t(sentence.key, sentence.vars)}
    </p>
  );
}
