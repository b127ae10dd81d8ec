/**
 * Inflates a raw DEFLATE stream piece by piece with a cap on the output, so a small file that
 * expands to gigabytes (a "deflate bomb") is refused after at most the cap, never held whole.
 * The cap is decided while inflating: `capFor` reads the output so far (e.g. a DICOM header) and
 * says how much the rest may be.
 */
import { Inflate } from 'pako';

/** Output bytes handed over at a time: the most the inflated total can pass the cap by. */
export const INFLATE_CHUNK_BYTES = 64 * 1024;

export type InflateOutcome =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly inflatedBytes: number }
  | { readonly ok: false; readonly problem: 'overLimit' | 'truncated' | 'corrupt'; readonly detail: string; readonly inflatedBytes: number };

/**
 * What may come out of the stream given its first bytes: a byte count, or null while those bytes
 * do not say yet. Asked again as the output doubles, and once more at the end.
 */
export type CapFor = (prefix: Uint8Array) => number | null;

class OverLimit extends Error {}

export function inflateCapped(deflated: Uint8Array, absoluteCap: number, capFor: CapFor): InflateOutcome {
  const chunks: Uint8Array[] = [];
  let inflatedBytes = 0;
  let cap: number | null = null;
  let nextLook = 16 * 1024;
  const inflate = new Inflate({ raw: true, chunkSize: INFLATE_CHUNK_BYTES });
  inflate.onData = (chunk) => {
    inflatedBytes += chunk.length;
    chunks.push(chunk.slice());
    if (cap === null && inflatedBytes >= nextLook) {
      cap = capFor(concat(chunks, inflatedBytes));
      nextLook *= 2;
    }
    const limit = Math.min(cap ?? absoluteCap, absoluteCap);
    if (inflatedBytes > limit) throw new OverLimit(`more than ${limit} bytes`);
  };
  try {
    inflate.push(deflated, true);
  } catch (error) {
    if (error instanceof OverLimit) return { ok: false, problem: 'overLimit', detail: error.message, inflatedBytes };
    throw error;
  }
  if (inflate.err !== 0) return { ok: false, problem: 'corrupt', detail: inflate.msg || `zlib error ${inflate.err}`, inflatedBytes };
  if (!inflate.ended) return { ok: false, problem: 'truncated', detail: 'the deflate stream has no end', inflatedBytes };
  const bytes = concat(chunks, inflatedBytes);
  const finalCap = cap ?? capFor(bytes);
  if (finalCap !== null && inflatedBytes > finalCap) {
    return { ok: false, problem: 'overLimit', detail: `more than ${finalCap} bytes`, inflatedBytes };
  }
  return { ok: true, bytes, inflatedBytes };
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
