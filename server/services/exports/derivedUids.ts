/**
 * UIDs of a derived object that follow from what it holds, so the same state exported twice is
 * the same instance: a PACS that receives it again keeps one copy, and an SR exported on its own
 * names the very SEG the SEG button writes. Each is a name-based (version 5, SHA-1) UUID as one
 * decimal number under 2.25 (PS3.5 B.2, ITU-T X.667 / RFC 4122 4.3).
 */
import { createHash } from 'node:crypto';

/** Our namespace for those names (a random UUID, fixed once): nobody else's names share it. */
const NAMESPACE = Buffer.from('6d1f3c2ab5e84f0e9a7c41d2e8b05f93', 'hex');

/** The UID of `name` (any string that says everything the object holds). */
export function nameBasedUid(name: string): string {
  const bytes = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return `2.25.${BigInt(`0x${bytes.toString('hex')}`).toString()}`;
}

/** A `newUid` for a writer that asks for its UIDs in a fixed order: the n-th is the UID of `name` and n. */
export function nameBasedUids(name: string): () => string {
  let next = 0;
  return () => nameBasedUid(`${name}\n${next++}`);
}
