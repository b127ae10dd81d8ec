import { TILE_CACHE_NAME } from '../viewer/slide/offlineTiles';
import { dropKeptFiles } from './keptFiles';
import { dropOfflineStudy } from './offlineStudy';

/**
 * Registers /sw.js (production builds only: the dev server serves no worker) and marks
 * `<html data-sw-ready="true">` once the worker controls the page. A worker only activates after
 * its install (the precache of the whole app) succeeded, so control implies the precache is
 * complete; end-to-end tests wait on the attribute before going offline.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  await container.register('/sw.js', { scope: '/' });
  await container.ready;
  if (!container.controller) {
    await new Promise<void>((resolve) => {
      const onChange = () => {
        container.removeEventListener('controllerchange', onChange);
        resolve();
      };
      container.addEventListener('controllerchange', onChange);
      // Control may have arrived between the check above and the listener.
      if (container.controller) onChange();
    });
  }
  document.documentElement.dataset.swReady = 'true';
}

/**
 * Drops the DICOM files, slide tiles and study panels kept for offline use (call at sign-out: they
 * are served by URL, whoever asks). Resolves once they are gone. Frames and sprite sheets live in
 * the worker's cache; series files, tiles and study panels in the page's own (keptFiles.ts,
 * offlineTiles.ts, offlineStudy.ts).
 */
export async function clearOfflineFiles(): Promise<void> {
  if (typeof caches !== 'undefined') await caches.delete(TILE_CACHE_NAME).catch(() => false);
  await dropOfflineStudy();
  // The worker drops them too (same cache), but only where one is active (not on the dev server).
  await dropKeptFiles();
  if (!('serviceWorker' in navigator)) return;
  const active = (await navigator.serviceWorker.getRegistration())?.active;
  if (!active) return;
  const channel = new MessageChannel();
  const done = new Promise<void>((resolve) => {
    channel.port1.onmessage = () => resolve();
  });
  active.postMessage({ type: 'clear-files' }, [channel.port2]);
  await done;
}
