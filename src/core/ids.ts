/** A fresh random id (UUID v4) for records and client operations; works in browsers and Node ≥ 19. */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}
