/**
 * What the page starts before React's first render: the session, read back from this device,
 * and, on an item's URL, the item itself (its detail, its viewer's chunk). Waiting for the screens
 * to mount first would add their render to the path of the first image. The early boot script
 * (src/early/earlyBoot.ts) may have asked for the detail and made a slide's or a series' viewer already; the
 * app's requests take its answers, and what the app will not use is dropped here.
 */
import { forgetEarlyRequests } from '../early/earlyRequests';
import type { AppStore } from '../store';
import { discardEarlySeriesViewer } from '../viewer/earlySeriesViewer';
import { discardEarlyViewer } from '../viewer/slide/earlyViewer';
import { startItem, startViewerBeforeSession } from './item/viewerPreload';
import { parseRoute } from './router';

function dropEarlyStart(): void {
  discardEarlyViewer();
  discardEarlySeriesViewer();
  forgetEarlyRequests();
}

/**
 * Drops the early start once the page has left `itemId` (the item closed or another opened) or
 * could not open it (an early viewer left unadopted would stay over the page's message).
 */
function dropEarlyStartOnLeaving(store: AppStore, itemId: string): void {
  let opened = false;
  const stop = store.subscribe(({ openItem }) => {
    if (openItem?.itemId === itemId && openItem.status !== 'error') opened = true;
    else if (opened || openItem?.itemId === itemId) {
      stop();
      dropEarlyStart();
    }
  });
}

export async function boot(store: AppStore, pathname: string): Promise<void> {
  const route = parseRoute(pathname);
  // Before the session is read back: a chunk and workers need no token, and their download and
  // parse then overlap reading IndexedDB instead of following it.
  if (route.name === 'item') startViewerBeforeSession(route.itemId);
  await store.getState().restoreSession();
  const { session, sessionStatus } = store.getState();
  if (route.name !== 'item' || sessionStatus !== 'authenticated' || !session || session.user.mustChangePassword) {
    dropEarlyStart();
    return;
  }
  dropEarlyStartOnLeaving(store, route.itemId);
  startItem(route.itemId);
}
