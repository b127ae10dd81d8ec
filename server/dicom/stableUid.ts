/**
 * UIDs made up for files that lack a usable one. Deterministic: the same input always gives the
 * same UID, so importing a file again finds the instance (and its series) already there.
 * Form: `2.25.<decimal of 128 bits of SHA-256>` (PS3.5 §B.2), at most 44 characters.
 */
import { createHash } from 'node:crypto';

export function stableUid(...parts: readonly string[]): string {
  // JSON keeps ['a|b'] and ['a', 'b'] apart.
  const digest = createHash('sha256').update(JSON.stringify(['mejirushi-uid', ...parts])).digest('hex');
  return `2.25.${BigInt(`0x${digest.slice(0, 32)}`).toString(10)}`;
}

/** A valid UID: digits and dots, no empty or zero-led component, at most 64 characters. */
export function isValidUid(value: string): boolean {
  return value.length > 0 && value.length <= 64 && /^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/.test(value);
}
