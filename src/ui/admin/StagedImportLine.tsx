import type { ImportJob } from '../../core/api';
import { useT } from '../../i18n';

/** Where the commit of a staged upload stands: files imported of those staged, while its job runs. */
export function StagedImportLine({ job }: { readonly job: ImportJob }) {
  const t = useT();
  const counts = job.state === 'building' ? job.counts : undefined;
  const done = counts?.done ?? 0;
  const total = counts?.total ?? 0;
  return (
    <p role="status" data-testid="staged-import" data-state={job.state} data-done={done} data-total={total}>
      <progress max={total || 1} value={done} aria-label={t('admin.upload.stagedImporting', { done, total })} />{' '}
      {job.state === 'queued' ? t('admin.upload.stagedQueued') : t('admin.upload.stagedImporting', { done, total })}
    </p>
  );
}
