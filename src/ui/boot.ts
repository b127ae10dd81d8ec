/**
 * What the page starts before React's first render: the session, read back from this device,
 * and, on an item's URL, the item itself (its detail, its viewer's chunk). Waiting for the screens
 * to mount first would add their render to the path of the first image.
 */
import type { AppStore } from '../store';
import { startItem, startViewerBeforeSession } from './item/viewerPreload';
import { parseRoute } from './router';

export async function boot(store: AppStore, pathname: string): Promise<void> {
  const route = parseRoute(pathname);
  // Before the session is read back: a chunk and workers need no token, and their download and
  // parse then overlap reading IndexedDB instead of following it.
  if (route.name === 'item') startViewerBeforeSession(route.itemId);
  await store.getState().restoreSession();
  const { session, sessionStatus } = store.getState();
  if (sessionStatus !== 'authenticated' || !session || session.user.mustChangePassword) return;
  if (route.name === 'item') startItem(route.itemId);
}
