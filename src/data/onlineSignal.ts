/**
 * Tells the engine to retry and catch up now. In the browser: the `online` event, and the tab
 * becoming visible again (a laptop woken up, another tab used meanwhile).
 */
export type OnlineSignal = (onOnline: () => void) => () => void;

export const browserOnline: OnlineSignal = (onOnline) => {
  if (typeof window === 'undefined') return () => undefined;
  const onVisible = () => {
    if (document.visibilityState === 'visible') onOnline();
  };
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    window.removeEventListener('online', onOnline);
    document.removeEventListener('visibilitychange', onVisible);
  };
};

/** The browser says it has no network (outside a browser: never). */
export const browserOffline = (): boolean => typeof navigator !== 'undefined' && !navigator.onLine;
