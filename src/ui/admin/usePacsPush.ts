import { useRef, useState } from 'react';
import type { DicomwebPushRequest } from '../../core/api';
import { appServices } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';
import { nextPushRun, PUSH_STARTED, type PushEvent, type PushRun } from './pacsPushRun';
import { pushPages } from './pacsPushPages';

/**
 * The push form's push: `start` sends the dataset's pages one after another (pacsPushPages.ts),
 * `cancel` stops it after the page in flight; `run` is what the form shows, null before a push.
 */
export function usePacsPush(): {
  readonly run: PushRun | null;
  readonly error: AppError | null;
  readonly start: (datasetId: string, request: DicomwebPushRequest) => Promise<void>;
  readonly cancel: () => void;
} {
  const [run, setRun] = useState<PushRun | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const cancelling = useRef<AbortController | null>(null);
  const step = (event: PushEvent) => setRun((current) => current && nextPushRun(current, event));

  async function start(datasetId: string, request: DicomwebPushRequest): Promise<void> {
    const controller = new AbortController();
    cancelling.current = controller;
    setError(null);
    setRun(PUSH_STARTED);
    try {
      const sendPage = (after: string | undefined) => appServices().api.pushToPacs(datasetId, { ...request, ...(after ? { after } : {}) });
      step({ type: 'end', end: await pushPages(sendPage, (answer) => step({ type: 'page', answer }), controller.signal) });
    } catch (caught) {
      setError(toAppError(caught));
      step({ type: 'end', end: 'failed' });
    } finally {
      cancelling.current = null;
    }
  }

  function cancel(): void {
    cancelling.current?.abort();
    step({ type: 'cancel' });
  }

  return { run, error, start, cancel };
}
