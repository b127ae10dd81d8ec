/**
 * The slide baseline: OpenSeadragon alone (no React, no app), opening a Deep Zoom (DZI) pyramid of
 * the same slide served as static files, with the drawer the app uses. Query: `dzi` (URL of the
 * .dzi file), `w`/`h` (the app viewer's size in CSS px), `defer=1` (open only when the bench calls
 * `window.__benchOpen()`, which records `window.__benchOpenStart`: the page already loaded, as the
 * app is when a user opens a slide from a list). Sets `data-ready="true"` on the viewer element at
 * the first draw after every tile of the view has arrived, as the app's viewer does.
 */
import OpenSeadragon from 'openseadragon';

const params = new URLSearchParams(window.location.search);
const dzi = params.get('dzi');
if (!dzi) throw new Error('bare slide viewer: missing ?dzi=');
const element = document.getElementById('viewer') as HTMLDivElement;
element.style.width = `${Number(params.get('w') ?? 1024)}px`;
element.style.height = `${Number(params.get('h') ?? 768)}px`;

const deferred = params.get('defer') === '1';
const viewer = OpenSeadragon({ element, ...(deferred ? {} : { tileSources: dzi }), drawer: 'canvas', showNavigationControl: false, imageLoaderLimit: 6 });
let loadedFully = false;
viewer.addHandler('open', () => {
  viewer.world.getItemAt(0)?.addHandler('fully-loaded-change', (event: { fullyLoaded: boolean }) => {
    loadedFully ||= event.fullyLoaded;
  });
});
viewer.addHandler('update-viewport', () => {
  if (loadedFully) element.dataset.ready = 'true';
});

declare global {
  interface Window {
    __benchOpen?: () => void;
    __benchOpenStart?: number;
  }
}

if (deferred) {
  window.__benchOpen = () => {
    window.__benchOpenStart = performance.now();
    viewer.open({ tileSource: dzi });
  };
}
