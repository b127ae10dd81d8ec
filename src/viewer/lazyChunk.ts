/**
 * A code-split module (a viewer and its library: several MB) loaded at most once, on demand or
 * ahead of time (`preload`). A failed load (offline without the chunk cached) is forgotten, so a
 * later attempt may succeed. Free of React, so the early boot script can start one (useLazyChunk
 * is the component side).
 */
export interface LazyChunk<M> {
  preload(): Promise<M>;
  /** The module once evaluated, so a viewer mounted later renders at once, without a fallback. */
  loaded(): M | null;
}

export function lazyChunk<M>(load: () => Promise<M>): LazyChunk<M> {
  let pending: Promise<M> | null = null;
  let module: M | null = null;
  return {
    preload() {
      pending ??= load().then(
        (loaded) => (module = loaded),
        (error: unknown) => {
          pending = null;
          throw error;
        },
      );
      return pending;
    },
    loaded: () => module,
  };
}
