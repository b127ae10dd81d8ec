import { useEffect, useState } from 'react';
import type { DeidReport } from '../../core/deid/deidentify';
import type { DeidPolicy } from '../../core/deid/policy';
import { appServices, useAppStore } from '../../store';
import { toAppError, type AppError } from '../../store/loadError';

/**
 * A dataset's de-identification policy and its per-file reports, read when the dataset is chosen
 * and again when the dataset list is (after an upload, which adds reports);
 * `saved` puts the server's answer to a save in place of the policy read.
 */
export function useDeidPolicy(datasetId: string): {
  /** Null until the chosen dataset's policy has been read. */
  readonly policy: DeidPolicy | null;
  readonly reports: readonly DeidReport[];
  readonly error: AppError | null;
  readonly saved: (policy: DeidPolicy) => void;
} {
  const [loaded, setLoaded] = useState<{ readonly datasetId: string; readonly policy: DeidPolicy; readonly reports: readonly DeidReport[] } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const datasets = useAppStore((state) => state.datasets);

  useEffect(() => {
    if (!datasetId) return;
    let stopped = false;
    const { api } = appServices();
    setError(null);
    Promise.all([api.getDeidPolicy(datasetId), api.listDeidReports(datasetId)]).then(
      ([policy, reports]) => {
        if (!stopped) setLoaded({ datasetId, policy, reports });
      },
      (caught: unknown) => {
        if (!stopped) setError(toAppError(caught));
      },
    );
    return () => {
      stopped = true;
    };
  }, [datasetId, datasets]);

  // A policy read for the dataset chosen before is not shown for this one.
  const current = loaded?.datasetId === datasetId ? loaded : null;
  return {
    policy: current?.policy ?? null,
    reports: current?.reports ?? [],
    error,
    saved: (policy) => setLoaded((before) => (before?.datasetId === datasetId ? { ...before, policy } : before)),
  };
}
