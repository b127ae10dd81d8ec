/**
 * Which chosen file is which role of an upload: one file is the model; for an encoder + decoder
 * the file named "encoder…"/"decoder…" (else the order chosen). The server checks each hash, so a
 * wrong pairing is refused there with its reason, never stored.
 */
import type { ModelUploadStarted } from '../../core/models/registryApi';

export function orderUploadFiles<F extends { readonly name: string }>(expected: ModelUploadStarted['files'], chosen: readonly F[]): F[] | null {
  if (chosen.length !== expected.length) return null;
  if (expected.length < 2) return [...chosen];
  const named = expected.map(({ role }) => chosen.find((file) => file.name.toLowerCase().includes(role)));
  const distinct = new Set(named);
  return named.every((file) => file !== undefined) && distinct.size === named.length ? (named as F[]) : [...chosen];
}
