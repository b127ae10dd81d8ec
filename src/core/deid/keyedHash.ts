/**
 * The project key's two uses, both an HMAC-SHA-256: a new UID for an original one (so a series
 * uploaded in two batches stays one series) and a per-patient number of days to shift dates by.
 * Without the key neither can be reversed or recomputed from the originals.
 *
 * Computed in JS with @noble/hashes, not WebCrypto: in a browser worker every `crypto.subtle.sign`
 * is an async hop to WebCrypto's thread and back, one a file at least (its SOP Instance UID), the
 * largest single item of a check pass; here a digest is a few microseconds, synchronous, the same
 * in browsers, workers, Node and tests, and byte for byte WebCrypto's HMAC-SHA-256.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

/** Bytes of a project key. */
export const DEID_KEY_BYTES = 32;

type KeyedState = ReturnType<typeof hmac.create>;

/**
 * A project key ready to hash with. Opaque: the key is held only as HMAC's padded hash states, in
 * a private field, so it is never exported, logged (`console.log` shows `DeidKey {}`), serialised
 * (JSON gives `{}`) or sent to another thread (a structured clone loses private fields).
 */
class DeidKey {
  readonly #keyed: KeyedState;

  constructor(raw: Uint8Array) {
    // The key's padded blocks are hashed once here; each digest clones these states.
    this.#keyed = hmac.create(sha256, raw);
  }

  digest(message: Uint8Array): Uint8Array {
    return this.#keyed.clone().update(message).digest();
  }
}

/** Takes a raw project key for hashing only (never readable again). */
export function importDeidKey(raw: Uint8Array): DeidKey {
  if (raw.length !== DEID_KEY_BYTES) throw new Error(`a de-identification key is ${DEID_KEY_BYTES} bytes, got ${raw.length}`);
  return new DeidKey(raw);
}

/** Only the type leaves this module: a key is made by `importDeidKey`, which checks its length. */
export type { DeidKey };

const encoder = new TextEncoder();

function keyedDigest(key: DeidKey, purpose: string, text: string): Uint8Array {
  // The purpose keeps the two uses apart: a UID's digest is never a patient's.
  return key.digest(encoder.encode(`${purpose}\u0000${text}`));
}

/**
 * `2.25.<decimal>`: the first 128 bits of the keyed hash as an unsigned integer, the form PS3.5
 * B.2 gives for UUID-derived UIDs (at most 44 characters).
 */
export function keyedUid(key: DeidKey, uid: string): string {
  const digest = keyedDigest(key, 'uid', uid);
  let value = 0n;
  for (const byte of digest.subarray(0, 16)) value = (value << 8n) | BigInt(byte);
  return `2.25.${value.toString(10)}`;
}

/** Dates move back by 1 to this many days, per patient. */
export const MAX_DATE_SHIFT_DAYS = 3652;

/** Days (negative: into the past) to add to every date of one patient's files. */
export function keyedDayShift(key: DeidKey, patient: string): number {
  const digest = keyedDigest(key, 'days', patient);
  const value = new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0);
  return -((value % MAX_DATE_SHIFT_DAYS) + 1);
}
