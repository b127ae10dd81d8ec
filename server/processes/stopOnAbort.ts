/**
 * Ties a child process (vips, ffmpeg, ffprobe, dcmj2pnm) to an import's AbortSignal: on abort it
 * is sent SIGTERM, then SIGKILL if it has not exited within a short grace (a tool stuck in I/O
 * ignores neither for long). None of these tools starts children of its own, so the child alone
 * is signalled, not a process group: a group of its own (`detached`) would outlive a server
 * stopped from its terminal. Callers settle only once the child has exited, so its work folder
 * can be removed behind it and its pid is gone when they go on.
 */
import type { ChildProcess } from 'node:child_process';

/** How long a child has to exit on SIGTERM before it is killed. */
export const KILL_GRACE_MS = 2_000;

type ChildListener = (child: ChildProcess, command: string) => void;
const listeners = new Set<ChildListener>();

/**
 * Calls `listener` for each child started under a signal from now on, until the returned stop is
 * called: how a test learns a running tool's pid and cancels at a known point, with no sleep.
 */
export function observeChildren(listener: ChildListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Stops `child` when `signal` aborts (at once when it already has); returns the detach to call once the child has exited. */
export function stopOnAbort(child: ChildProcess, command: string, signal: AbortSignal | undefined): () => void {
  for (const listener of listeners) listener(child, command);
  if (!signal) return () => undefined;
  let killer: NodeJS.Timeout | undefined;
  const stop = () => {
    child.kill('SIGTERM');
    killer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    killer.unref();
  };
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  return () => {
    signal.removeEventListener('abort', stop);
    clearTimeout(killer);
  };
}
