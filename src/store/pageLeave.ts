/**
 * Calls `leaving` when the page may be about to go away: hidden (a tab switched, the browser
 * minimised: a mobile browser may then end it unasked) or hidden for good (`pagehide`: a reload,
 * a closed tab, a navigation). Its task is the last one sure to run, so what must survive is
 * written there, synchronously. Answers how to stop listening; outside a browser, nothing.
 */
export function onPageLeave(leaving: () => void): () => void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return () => undefined;
  const hidden = () => {
    if (document.visibilityState === 'hidden') leaving();
  };
  document.addEventListener('visibilitychange', hidden);
  window.addEventListener('pagehide', leaving);
  return () => {
    document.removeEventListener('visibilitychange', hidden);
    window.removeEventListener('pagehide', leaving);
  };
}
