/**
 * How long one slice may take from the start of its load (fetch, parse, decode) before the
 * viewer gives up on it and shows why: generous, since a large compressed slice on a slow
 * machine takes seconds, but never "Loading…" for ever. Tests shorten it for their tab through
 * session storage, as `?render=` is kept (see tabChoice.ts).
 */
export const DEFAULT_SLICE_TIMEOUT_MS = 30_000;
export const SLICE_TIMEOUT_KEY = 'mejirushi.sliceTimeoutMs';

export function parseSliceTimeout(value: string | null | undefined): number | null {
  if (!value) return null;
  const ms = Number(value);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

export function sliceTimeoutMs(): number {
  try {
    return parseSliceTimeout(sessionStorage.getItem(SLICE_TIMEOUT_KEY)) ?? DEFAULT_SLICE_TIMEOUT_MS;
  } catch {
    return DEFAULT_SLICE_TIMEOUT_MS;
  }
}

/** Thrown when a slice took longer than the timeout; its message is for logs, not for users. */
export class SliceTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`The slice did not load within ${ms} ms`);
    this.name = 'SliceTimeoutError';
  }
}

/** `work`, or a SliceTimeoutError once `ms` have passed (then `onTimeout` runs). */
export function withSliceTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => void = () => undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout();
      reject(new SliceTimeoutError(ms));
    }, ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
