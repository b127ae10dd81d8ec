import type { LocalItemSync } from '../../data/localItemSync';
import { useT } from '../../i18n';
import { SYNC_STATUS_KEYS } from '../common/syncStatusKeys';

/** Where this device's labels of a listed item are: here only, on the server, or in conflict. */
export function ItemSyncBadge({ sync, testId }: { readonly sync: LocalItemSync | undefined; readonly testId: string }) {
  const t = useT();
  if (!sync) return null; // never opened on this device: nothing local to tell
  const label = t(SYNC_STATUS_KEYS[sync.status]);
  const title = sync.pending > 0 ? t('sync.pending', { count: sync.pending }) : label;
  return (
    <span className={`sync-badge item-sync sync-${sync.status}`} data-testid={testId} data-status={sync.status} data-pending={sync.pending} title={title}>
      <span className="dot" aria-hidden="true" />
      {label}
    </span>
  );
}
