import { useEffect, useRef } from 'react';
import type { ViewerAdapter } from './adapter';
import { StackAdapter } from './cornerstone/stackAdapter';
import type { ViewportHandle } from './useStackViewport';

/**
 * Hands the series viewer's ViewerAdapter to `onAdapter` while the viewport lives. Nothing is
 * created when no one asks, so the viewer behaves as before for pages without an overlay.
 * `shownTarget`: the target whose image is on screen now, or null.
 */
export function useStackAdapter(handle: ViewportHandle | null, onAdapter: ((adapter: ViewerAdapter | null) => void) | undefined, shownTarget: string | null): void {
  const targetRef = useRef(shownTarget);
  targetRef.current = shownTarget;
  const onAdapterRef = useRef(onAdapter);
  onAdapterRef.current = onAdapter;
  const wanted = onAdapter !== undefined;
  const adapterRef = useRef<StackAdapter | null>(null);

  useEffect(() => {
    if (!handle || !wanted) return;
    const adapter = new StackAdapter(handle.viewport, handle.renderMode, () => targetRef.current);
    adapterRef.current = adapter;
    onAdapterRef.current?.(adapter);
    return () => {
      adapterRef.current = null;
      onAdapterRef.current?.(null);
      adapter.destroy();
    };
  }, [handle, wanted]);
  useEffect(() => adapterRef.current?.shownTargetChanged(), [shownTarget]);
}
