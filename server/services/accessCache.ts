/**
 * A short in-process memory of who may read what, for the tile route only: a slide viewer asks
 * for dozens of tiles a second, and a database round trip per tile (the session, the item's
 * assignment) would cost more than the tile. What it holds is at most TTL_MS old, and it is
 * emptied at once when this process signs a session out, changes a password or disables an
 * account (routes marked `endsSessions`). Another instance's sign-out reaches this one within
 * TTL_MS. Only grants are kept: a refusal is always asked of the database again.
 */
import type { AuthUser } from './sessions';

export const ACCESS_CACHE_TTL_MS = 5_000;
/** Entries per map; the oldest go first (a busy server has far fewer live viewers). */
const MAX_ENTRIES = 10_000;

export class AccessCache {
  private readonly sessions = new Map<string, { readonly user: AuthUser; readonly until: number }>();
  private readonly items = new Map<string, number>();

  constructor(private readonly now: () => Date) {}

  session(tokenHash: string): AuthUser | null {
    const entry = this.sessions.get(tokenHash);
    if (!entry || entry.until <= this.now().getTime()) return null;
    return entry.user;
  }

  rememberSession(user: AuthUser): void {
    remember(this.sessions, user.tokenHash, { user, until: this.now().getTime() + ACCESS_CACHE_TTL_MS });
  }

  /** True when `userId` was found allowed to read `itemId` within the last TTL_MS. */
  mayRead(userId: string, itemId: string): boolean {
    const until = this.items.get(`${userId}\n${itemId}`);
    return until !== undefined && until > this.now().getTime();
  }

  rememberRead(userId: string, itemId: string): void {
    remember(this.items, `${userId}\n${itemId}`, this.now().getTime() + ACCESS_CACHE_TTL_MS);
  }

  clear(): void {
    this.sessions.clear();
    this.items.clear();
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as string);
}
