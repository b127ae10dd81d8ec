import type { Progress } from '../../core/api';
import { useT } from '../../i18n';

/** labelled / total as a bar with the figures beside it. */
export function ProgressBar({ progress, testId }: { readonly progress: Progress; readonly testId?: string }) {
  const t = useT();
  const percent = progress.total > 0 ? Math.round((100 * progress.labelled) / progress.total) : 0;
  const text = t('progress.labelled', { labelled: progress.labelled, total: progress.total });
  return (
    <div className="progress" data-testid={testId} data-labelled={progress.labelled} data-total={progress.total}>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={text}
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.labelled}
      >
        <div className={`progress-fill${percent === 100 ? ' complete' : ''}`} style={{ width: `${percent}%` }} />
      </div>
      <span className="progress-text">{text}</span>
    </div>
  );
}
