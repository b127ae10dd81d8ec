import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportJob } from '../../core/api';
import { isFinished } from '../../core/importJob';
import { JOB_POLL_MS } from '../../data/api';
import { appServices } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';

/**
 * The dataset's import jobs (slides, videos, folders of stills), as the server lists them: read when the dataset is chosen (so
 * an admin who left the screen finds them again) and asked again while any is unfinished.
 * `onFinished` runs when a job this screen saw running has ended (the dataset has a new item).
 */
export function useImportJobs(
  datasetId: string,
  onFinished: () => void,
): {
  readonly jobs: readonly ImportJob[];
  readonly error: AppError | null;
  /** A job the upload has just started: shown at once, and followed. */
  readonly add: (job: ImportJob) => void;
  readonly retry: (jobId: string) => Promise<void>;
  readonly cancel: (jobId: string) => Promise<void>;
} {
  const [jobs, setJobs] = useState<readonly ImportJob[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  // Bumped to follow jobs again after the list had settled.
  const [follow, setFollow] = useState(0);
  // Jobs seen unfinished, across restarts of the following, to tell when one ends.
  const running = useRef(new Set<string>());

  useEffect(() => {
    if (!datasetId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function read(): Promise<void> {
      try {
        const listed = await appServices().api.listImportJobs(datasetId);
        if (stopped) return;
        setJobs(listed);
        setError(null);
        const unfinished = new Set(listed.filter((job) => !isFinished(job)).map((job) => job.id));
        if ([...running.current].some((id) => !unfinished.has(id))) onFinished();
        running.current = unfinished;
        if (unfinished.size > 0) timer = setTimeout(() => void read(), JOB_POLL_MS);
      } catch (caught) {
        if (!stopped) setError(toAppError(caught));
      }
    }
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // onFinished is left out: following restarts only for another dataset or a new job.
  }, [datasetId, follow]);

  const add = useCallback((job: ImportJob) => {
    setJobs((current) => [job, ...current.filter((other) => other.id !== job.id)]);
    setFollow((count) => count + 1);
  }, []);

  const retry = useCallback(async (jobId: string) => {
    try {
      add(await appServices().api.retryImportJob(jobId));
    } catch (caught) {
      setError(toAppError(caught));
    }
  }, [add]);

  const cancel = useCallback(async (jobId: string) => {
    try {
      add(await appServices().api.cancelImportJob(jobId));
    } catch (caught) {
      setError(toAppError(caught));
    }
  }, [add]);

  return { jobs, error, add, retry, cancel };
}
