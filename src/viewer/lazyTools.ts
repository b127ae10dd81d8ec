import { Enums, eventTarget, type StackViewport } from '@cornerstonejs/core';
import type { Measurement } from './measure/measurement';
import { DEFAULT_READING_TOOL, type ReadingToolName } from './measure/readingTools';
import type { AttachedTools } from './tools';

/** The viewer's hold on its tools, usable before they have loaded (a choice made early is kept). */
export interface ToolControl {
  setPrimary(tool: ReadingToolName): void;
  removeMeasurement(uid: string): void;
  /** Hears the session's measurements whenever they change; returns the unsubscribe function. */
  onMeasurements(listener: (measurements: readonly Measurement[]) => void): () => void;
  detach(): void;
}

/**
 * Loads @cornerstonejs/tools (its own chunk) once the viewport has drawn its first frame, or its
 * first slice failed, and attaches the viewer's tool group. Evaluating tools cost more than
 * anything else before the first slice, and nothing in that slice needs them: until they arrive
 * only the mouse (window, zoom, pan, wheel, measurements) is inert.
 */
export function attachToolsAfterFirstFrame(viewport: StackViewport, toolGroupId: string): ToolControl {
  let live = true;
  let attached: AttachedTools | null = null;
  let primary: ReadingToolName = DEFAULT_READING_TOOL;
  const listeners = new Set<(measurements: readonly Measurement[]) => void>();

  const load = () => {
    stopWaiting();
    import('./tools').then(
      ({ attachViewerTools }) => {
        if (!live) return;
        attached = attachViewerTools(toolGroupId, viewport, (measurements) => {
          for (const listener of listeners) listener(measurements);
        });
        attached.setPrimary(primary);
      },
      (error: unknown) =>
        console.error('Image tools failed to load: mouse window, zoom, pan, scroll and measurements are off', error),
    );
  };
  const stopWaiting = () => {
    viewport.element.removeEventListener(Enums.Events.IMAGE_RENDERED, load);
    eventTarget.removeEventListener(Enums.Events.IMAGE_LOAD_ERROR, load);
  };
  viewport.element.addEventListener(Enums.Events.IMAGE_RENDERED, load);
  eventTarget.addEventListener(Enums.Events.IMAGE_LOAD_ERROR, load);

  return {
    setPrimary: (tool) => {
      primary = tool;
      attached?.setPrimary(tool);
    },
    removeMeasurement: (uid) => attached?.removeMeasurement(uid),
    onMeasurements: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    detach: () => {
      live = false;
      stopWaiting();
      listeners.clear();
      attached?.detach();
    },
  };
}
