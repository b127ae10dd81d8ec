import type { SyncStatus } from '../../data/syncState';
import type { MessageKey } from '../../i18n';

/** Text of each sync status, shared by the item page's badge and the item list. */
export const SYNC_STATUS_KEYS: Readonly<Record<SyncStatus | 'saving', MessageKey>> = {
  saving: 'sync.saving',
  savedLocally: 'sync.savedLocally',
  syncing: 'sync.syncing',
  synced: 'sync.synced',
  offline: 'sync.offline',
  conflict: 'sync.conflict',
  error: 'sync.error',
};
