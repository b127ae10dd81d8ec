import type { FileImportOutcome } from '../../core/api';
import { useT, type MessageKey } from '../../i18n';
import type { AppError } from '../../store/loadError';
import { errorKey } from '../common/errorMessages';
import { importOutcomeText } from './importOutcomeText';

/** An upload row's result: its error, its outcome (a translated refusal keeps the server's sentence as its hover), or what it waits for. */
export function ImportOutcomeCell({ outcome, error, waiting }: { readonly outcome: FileImportOutcome | null; readonly error: AppError | null; readonly waiting: MessageKey }) {
  const t = useT();
  if (error) return <span className="error">{t(errorKey(error))}</span>;
  if (!outcome) return <span className="muted">{t(waiting)}</span>;
  const { text, tone, detail } = importOutcomeText(t, outcome);
  return (
    <span className={tone} title={detail ?? undefined}>
      {text}
    </span>
  );
}
