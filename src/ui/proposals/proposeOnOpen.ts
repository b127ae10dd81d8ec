/**
 * The reader's choice to have the model propose by itself on every series they open that has no
 * answers yet (as MONAI Label users run auto-segmentation on open). Kept in this browser; off until
 * the reader turns it on, since a run costs a few seconds of the machine's time per series.
 */
import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'mejirushi.proposeOnOpen';

const listeners = new Set<() => void>();

export function getProposeOnOpen(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'on';
  } catch {
    // Storage can be blocked (private mode): the choice is then off.
    return false;
  }
}

export function setProposeOnOpen(on: boolean): void {
  try {
    if (on) globalThis.localStorage?.setItem(STORAGE_KEY, 'on');
    else globalThis.localStorage?.removeItem(STORAGE_KEY);
  } catch {
    // Not kept where storage is blocked; nothing else depends on it.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useProposeOnOpen(): boolean {
  return useSyncExternalStore(subscribe, getProposeOnOpen);
}
