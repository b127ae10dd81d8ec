/**
 * The header's Review link clicked while the queue is already shown: navigating would do
 * nothing, so the queue is told to load its first page again (work handed in since appears).
 */
const listeners = new Set<() => void>();

export function reloadReviewQueue(): void {
  for (const listener of listeners) listener();
}

/** Calls `listener` on every reload asked for until the returned function is called. */
export function onReviewQueueReload(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
