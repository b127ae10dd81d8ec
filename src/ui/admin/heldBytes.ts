/**
 * A count of the file bytes an upload holds on the page (de-identified files waiting to be sent,
 * the preview on the review screen): now, and the most at once. The upload holds what it is about
 * to send and lets go once sent, so the peak follows the largest files, not how many were picked;
 * tests read it, and the upload panel shows it as `data-held-bytes`.
 */
export interface HeldBytes {
  readonly now: number;
  readonly peak: number;
  /** Counts `bytes` as held until the returned function is called (a second call does nothing). */
  hold(bytes: number): () => void;
}

export function heldBytes(onChange: (now: number) => void = () => {}): HeldBytes {
  let now = 0;
  let peak = 0;
  return {
    get now() {
      return now;
    },
    get peak() {
      return peak;
    },
    hold(bytes) {
      now += bytes;
      peak = Math.max(peak, now);
      onChange(now);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        now -= bytes;
        onChange(now);
      };
    },
  };
}

/** A count whose holds can all be let go at once, each still once. */
export interface ReleasableHeld extends HeldBytes {
  /** Lets go of every hold not let go yet. */
  releaseAll(): void;
}

/**
 * Holds made through `held` that can be let go together: an upload's files kept from its check
 * are let go one by one as each is sent, and the rest when the upload ends without sending them
 * (cancelled during the check or the review, failed), so they are not counted on.
 */
export function releasable(held: HeldBytes): ReleasableHeld {
  const open = new Set<() => void>();
  return {
    get now() {
      return held.now;
    },
    get peak() {
      return held.peak;
    },
    hold(bytes) {
      const release = held.hold(bytes);
      const once = () => {
        open.delete(once);
        release();
      };
      open.add(once);
      return once;
    },
    releaseAll() {
      for (const release of [...open]) release();
    },
  };
}
