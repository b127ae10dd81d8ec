import { useEffect, useRef, useState } from 'react';
import type { ViewerAdapter } from './adapter';
import { StackAdapter } from './cornerstone/stackAdapter';
import type { ViewportHandle } from './useStackViewport';

/**
 * The series viewer's ViewerAdapter while the viewport lives (its own corner text uses it), also
 * handed to `onAdapter`. `shownTarget`: the target whose image is on screen now, or null.
 */
export function useStackAdapter(handle: ViewportHandle | null, onAdapter: ((adapter: ViewerAdapter | null) => void) | undefined, shownTarget: string | null): ViewerAdapter | null {
  const targetRef = useRef(shownTarget);
  targetRef.current = shownTarget;
  const onAdapterRef = useRef(onAdapter);
  onAdapterRef.current = onAdapter;
  const [adapter, setAdapter] = useState<StackAdapter | null>(null);

  useEffect(() => {
    if (!handle) return;
    const created = new StackAdapter(handle.viewport, handle.renderMode, () => targetRef.current);
    setAdapter(created);
    onAdapterRef.current?.(created);
    return () => {
      setAdapter(null);
      onAdapterRef.current?.(null);
      created.destroy();
    };
  }, [handle]);
  useEffect(() => adapter?.shownTargetChanged(), [adapter, shownTarget]);
  return adapter;
}
