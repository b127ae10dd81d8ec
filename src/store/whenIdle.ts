/**
 * Resolves once the page is idle: after the task in hand and what it set going (a key's render,
 * its frame's image loaded and painted), so work that can wait stays off an input's critical
 * path. `timeoutMs` bounds the wait on a page that is never idle (requestIdleCallback's timeout);
 * where there is no requestIdleCallback (Node, in tests), the next task.
 */
export function whenIdle(timeoutMs = 250): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 0);
  });
}
