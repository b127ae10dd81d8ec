import { Enums, eventTarget, type StackViewport } from '@cornerstonejs/core';

/**
 * Loads @cornerstonejs/tools (its own chunk) once the viewport has drawn its first frame, or its
 * first slice failed, and attaches the viewer's tool group. Evaluating tools cost more than
 * anything else before the first slice, and nothing in that slice needs them: until they arrive
 * only the mouse (window, zoom, pan, wheel) is inert. Returns the detach function.
 */
export function attachToolsAfterFirstFrame(viewport: StackViewport, toolGroupId: string): () => void {
  let live = true;
  let detachTools: (() => void) | null = null;

  const load = () => {
    stopWaiting();
    import('./tools').then(
      ({ attachViewerTools }) => {
        if (live) detachTools = attachViewerTools(toolGroupId, viewport);
      },
      (error: unknown) =>
        console.error('Image tools failed to load: mouse window, zoom, pan and scroll are off', error),
    );
  };
  const stopWaiting = () => {
    viewport.element.removeEventListener(Enums.Events.IMAGE_RENDERED, load);
    eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_ERROR, load);
  };
  viewport.element.addEventListener(Enums.Events.IMAGE_RENDERED, load);
  eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_ERROR, load);

  return () => {
    live = false;
    stopWaiting();
    detachTools?.();
  };
}
