import type { ItemSyncState, SyncStatus } from '../../data/syncEngine';
import { useLanguage, useT } from '../../i18n';
import { SYNC_STATUS_KEYS } from '../common/syncStatusKeys';

/** Where the open item's changes are: on this device only, on the way, on the server, or stuck. */
export function SyncBadge({ sync, savingLocal, onClick }: { readonly sync: ItemSyncState | null; readonly savingLocal: number; readonly onClick: (() => void) | undefined }) {
  const t = useT();
  const [language] = useLanguage();
  const status: SyncStatus | 'saving' = savingLocal > 0 ? 'saving' : (sync?.status ?? 'savedLocally');
  const details = [
    sync && sync.pending > 0 ? t('sync.pending', { count: sync.pending }) : null,
    sync?.nextAttemptAt ? t('sync.nextAttempt', { time: new Date(sync.nextAttemptAt).toLocaleTimeString(language) }) : null,
    sync?.failure === 'locked' ? t('sync.locked') : null,
    sync?.failure === 'unauthorized' ? t('sync.unauthorized') : null,
    sync?.failure === 'rejected' ? t('sync.rejected') : null,
    sync?.failure === 'server' ? t('error.server') : null,
  ].filter((line): line is string => line !== null);
  const label = t(SYNC_STATUS_KEYS[status]);
  if (onClick) details.push(t(status === 'conflict' ? 'sync.openConflict' : 'sync.retryNow'));
  return (
    <button
      type="button"
      className={`sync-badge sync-${status}`}
      data-testid="sync-badge"
      data-status={status}
      data-pending={sync?.pending ?? 0}
      title={details.join('\n') || label}
      aria-label={[t('sync.label'), label, ...details].join(': ')}
      onClick={onClick}
      disabled={!onClick}
    >
      <span className="dot" aria-hidden="true" />
      {label}
    </button>
  );
}
