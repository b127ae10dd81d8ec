/**
 * A small pathname router: the app has four screens, and the server answers every unknown path
 * with index.html, so plain paths work on reload.
 */
import { useSyncExternalStore } from 'react';
import { parseRoute, type Route } from './routes';

export { parseRoute, paths, type Route } from './routes';

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

const currentSearch = (): string => window.location.search;

/** The query of the page shown (`?a=1`, or ''), for a screen that reads its options there. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, currentSearch, currentSearch);
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, currentPath, currentPath);
  return parseRoute(pathname);
}
