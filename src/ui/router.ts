/**
 * A small pathname router: the app has four screens, and the server answers every unknown path
 * with index.html, so plain paths work on reload.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { readonly name: 'datasets' }
  | { readonly name: 'dataset'; readonly datasetId: string }
  | { readonly name: 'item'; readonly itemId: string }
  | { readonly name: 'admin' }
  | { readonly name: 'adjudicate'; readonly itemId: string }
  | { readonly name: 'releases'; readonly datasetId: string }
  | { readonly name: 'notFound'; readonly path: string };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'datasets' };
  if (parts[0] === 'datasets' && parts.length === 2 && parts[1]) return { name: 'dataset', datasetId: parts[1] };
  if (parts[0] === 'datasets' && parts.length === 3 && parts[1] && parts[2] === 'releases') return { name: 'releases', datasetId: parts[1] };
  if (parts[0] === 'adjudicate' && parts[1] === 'items' && parts.length === 3 && parts[2]) return { name: 'adjudicate', itemId: parts[2] };
  if (parts[0] === 'items' && parts.length === 2 && parts[1]) return { name: 'item', itemId: parts[1] };
  if (parts[0] === 'admin' && parts.length === 1) return { name: 'admin' };
  return { name: 'notFound', path: pathname };
}

export const paths = {
  datasets: () => '/',
  dataset: (datasetId: string) => `/datasets/${encodeURIComponent(datasetId)}`,
  item: (itemId: string) => `/items/${encodeURIComponent(itemId)}`,
  admin: () => '/admin',
  adjudicate: (itemId: string) => `/adjudicate/items/${encodeURIComponent(itemId)}`,
  releases: (datasetId: string) => `/datasets/${encodeURIComponent(datasetId)}/releases`,
};

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const currentPath = (): string => window.location.pathname;

/** Whether `path` is the page shown now (navigating there does nothing). */
export const isCurrentPath = (path: string): boolean => path === currentPath();

export function navigate(path: string, options: { readonly replace?: boolean } = {}): void {
  if (isCurrentPath(path)) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, currentPath, currentPath);
  return parseRoute(pathname);
}
