import { useT } from '../../i18n';
import type { AppError } from '../../store/loadError';
import { accountErrorSentence } from './accountErrors';
import { ErrorText } from './ErrorText';

/** An error of an account form: the account sentence for its code, else the general ErrorText. */
export function AccountErrorText({ error, testId }: { readonly error: AppError | null; readonly testId?: string }) {
  const t = useT();
  const sentence = accountErrorSentence(error);
  if (!sentence) return <ErrorText error={error} testId={testId} />;
  return (
    <p className="error" role="alert" data-testid={testId}>
      {t(sentence.key, sentence.vars)}
    </p>
  );
}
