import { useT } from '../../../i18n';
import type { DeidProgress } from './deidWorkerClient';

const mb = (bytes: number) => (bytes / 1_000_000).toFixed(1);

/** Where de-identification stands: files and megabytes done, the file in hand, and a Stop while the upload can still be stopped (`onStop` null: no longer). */
export function DeidProgressLine({ progress, onStop }: { readonly progress: DeidProgress; readonly onStop: (() => void) | null }) {
  const t = useT();
  return (
    <div className="form inline-form" data-testid="deid-progress" data-done={progress.done} data-total={progress.total}>
      <progress max={progress.bytesTotal || 1} value={progress.bytesDone} aria-label={t('burnedIn.progress', { done: progress.done, total: progress.total, mbDone: mb(progress.bytesDone), mbTotal: mb(progress.bytesTotal), current: '' })} />
      <span role="status">
        {t('burnedIn.progress', {
          done: progress.done,
          total: progress.total,
          mbDone: mb(progress.bytesDone),
          mbTotal: mb(progress.bytesTotal),
          current: progress.current ? t('burnedIn.current', { file: progress.current }) : '',
        })}
      </span>
      {onStop && (
        <button type="button" data-testid="deid-stop" onClick={onStop}>
          {t('burnedIn.stop')}
        </button>
      )}
    </div>
  );
}
