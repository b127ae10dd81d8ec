/**
 * The project key's two uses, both an HMAC-SHA-256 (WebCrypto, the same in browsers, workers and
 * Node 20): a new UID for an original one (so a series uploaded in two batches stays one series)
 * and a per-patient number of days to shift dates by. Without the key neither can be reversed or
 * recomputed from the originals.
 */

/** Bytes of a project key. */
export const DEID_KEY_BYTES = 32;

/** Imports a raw project key for signing only (never exportable again). */
export function importDeidKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  if (raw.length !== DEID_KEY_BYTES) throw new Error(`a de-identification key is ${DEID_KEY_BYTES} bytes, got ${raw.length}`);
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/**
 * Digests a key has given, per purpose and text. A series' files share their study, series and
 * frame of reference UIDs and their patient, and in a browser each `sign` is a hop to WebCrypto's
 * thread and back (about half a CT slice's check on a busy machine), so each is signed once per
 * key: a check pass imports its key once. Held with the key (a WeakMap), and at most
 * `DIGESTS_PER_KEY` of them: a key's digests are dropped together when full.
 */
const digests = new WeakMap<CryptoKey, Map<string, Promise<Uint8Array>>>();
const DIGESTS_PER_KEY = 10_000;

function hmac(key: CryptoKey, purpose: string, text: string): Promise<Uint8Array> {
  // The purpose keeps the two uses apart: a UID's digest is never a patient's.
  const message = `${purpose}\u0000${text}`;
  let known = digests.get(key);
  if (!known || known.size >= DIGESTS_PER_KEY) digests.set(key, (known = new Map()));
  const cached = known.get(message);
  if (cached) return cached;
  const signing = crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message)).then((digest) => new Uint8Array(digest));
  known.set(message, signing);
  signing.catch(() => known.delete(message)); // a failed sign is the caller's error, not remembered
  return signing;
}

/**
 * `2.25.<decimal>`: the first 128 bits of the keyed hash as an unsigned integer, the form PS3.5
 * B.2 gives for UUID-derived UIDs (at most 44 characters).
 */
export async function keyedUid(key: CryptoKey, uid: string): Promise<string> {
  const digest = await hmac(key, 'uid', uid);
  let value = 0n;
  for (const byte of digest.subarray(0, 16)) value = (value << 8n) | BigInt(byte);
  return `2.25.${value.toString(10)}`;
}

/** Dates move back by 1 to this many days, per patient. */
export const MAX_DATE_SHIFT_DAYS = 3652;

/** Days (negative: into the past) to add to every date of one patient's files. */
export async function keyedDayShift(key: CryptoKey, patient: string): Promise<number> {
  const digest = await hmac(key, 'days', patient);
  const value = new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0);
  return -((value % MAX_DATE_SHIFT_DAYS) + 1);
}
