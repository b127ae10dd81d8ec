import { useSyncExternalStore } from 'react';
import type { MaskToolPreview } from '../../core/masks/tools';

/**
 * The active mask tool's preview, which changes on every pointer move of a stroke. Kept outside
 * React state so a move re-renders only the mask layer that draws it (`useMaskPreview`), not the
 * reading room around the viewer.
 */
export class MaskPreviewFeed {
  private preview: MaskToolPreview | null = null;
  private readonly listeners = new Set<() => void>();

  readonly current = (): MaskToolPreview | null => this.preview;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(preview: MaskToolPreview | null): void {
    this.preview = preview;
    for (const listener of this.listeners) listener();
  }
}

/** The feed's preview; re-renders its reader on each change. */
export function useMaskPreview(feed: MaskPreviewFeed): MaskToolPreview | null {
  return useSyncExternalStore(feed.subscribe, feed.current);
}
