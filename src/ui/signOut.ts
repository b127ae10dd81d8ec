/**
 * Signing out, from the header or the password page. The store's logout ends the session (the
 * server's, the sync engine, the stored login; drafts and the outbox stay for that user's next
 * login); then what this device kept outside the store for the user who was signed in is dropped:
 * the kinds of the items they opened and the slices they were on (ids, in localStorage) and the files kept for offline reading.
 */
import { forgetShownSlices } from '../data/shownSliceCopy';
import { clearOfflineFiles } from '../offline/registerSw';
import { deviceStorage, forgetKinds } from './item/knownKinds';

/** `storage` and `dropOfflineFiles` default to the page's; a test passes its own (Node has neither). */
export async function signOut(
  logout: () => Promise<void>,
  storage: Pick<Storage, 'removeItem'> | null = deviceStorage(),
  dropOfflineFiles: () => Promise<void> = clearOfflineFiles,
): Promise<void> {
  await logout();
  if (storage) forgetKinds(storage);
  if (storage) forgetShownSlices(storage);
  await dropOfflineFiles();
}
