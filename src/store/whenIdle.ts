/**
 * Resolves once the page is idle: after the task in hand and what it set going (a key's render,
 * its frame's image loaded and painted), so work that can wait stays off an input's critical
 * path. `quietMs` first leaves the page that long to the reader (the next key of someone tagging
 * frame after frame comes within it); `timeoutMs` bounds the wait on a page that is never idle
 * (requestIdleCallback's timeout); where there is no requestIdleCallback (Node, in tests), the
 * next task.
 */
export function whenIdle({ quietMs = 0, timeoutMs = 250 }: { readonly quietMs?: number; readonly timeoutMs?: number } = {}): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs });
      else resolve();
    }, quietMs);
  });
}
