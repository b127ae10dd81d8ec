import { useEffect, useState } from 'react';
import type { LazyChunk } from './lazyChunk';

export interface ChunkState<M> {
  readonly module: M | null;
  readonly failed: boolean;
  readonly retry: () => void;
}

/**
 * The chunk for a component: a plain state update when it arrives rather than `React.lazy` +
 * `Suspense`, whose retry React holds back until 300 ms after the fallback showed (that delayed
 * the first slice by up to 300 ms after the chunk was already evaluated).
 */
export function useLazyChunk<M>(chunk: LazyChunk<M>): ChunkState<M> {
  const [module, setModule] = useState(chunk.loaded);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (module) return;
    let live = true;
    chunk.preload().then(
      (loaded) => live && setModule(() => loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [chunk, module, attempt]);

  const retry = () => {
    setFailed(false);
    setAttempt((n) => n + 1);
  };
  return { module, failed, retry };
}
