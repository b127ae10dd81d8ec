import { useState } from 'react';
import { toAppError, type AppError } from '../../store/loadError';
import { saveFile } from './saveFile';

export interface Download {
  readonly busy: boolean;
  /** Why the last download failed; null while none has. */
  readonly error: AppError | null;
  /** Fetches a file the server writes and hands it to the browser as `fileName`; one at a time. */
  save(fetch: () => Promise<Blob>, fileName: string): Promise<void>;
}

/** A download button's state: busy while the server writes the file, and the error when it refuses. */
export function useDownload(): Download {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  async function save(fetch: () => Promise<Blob>, fileName: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      saveFile(await fetch(), fileName);
    } catch (caught) {
      setError(toAppError(caught));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, save };
}
