import { useState } from 'react';
import { toAppError, type AppError } from '../../store/loadError';

/**
 * One admin form's request: `run` marks it busy, clears the last error, awaits the work and keeps
 * its failure for the form to show. Overlapping runs are not started (the form is disabled).
 */
export function useAdminAction(): {
  readonly busy: boolean;
  readonly error: AppError | null;
  readonly run: (work: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(toAppError(caught));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
