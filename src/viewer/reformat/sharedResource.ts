/**
 * One resource per key, shared by whoever holds it and let go when the last holder releases it:
 * the reformat views read one cached volume, freed when the panel closes. Pure over
 * `create` and `free`, so the counting is checked without Cornerstone.
 */
export interface SharedResources<K extends object, R> {
  acquire(key: K): R;
  release(key: K): void;
}

export function sharedResources<K extends object, R>(create: (key: K) => R, free: (resource: R) => void): SharedResources<K, R> {
  const held = new Map<K, { readonly resource: R; holders: number }>();
  return {
    acquire(key) {
      const entry = held.get(key) ?? { resource: create(key), holders: 0 };
      entry.holders += 1;
      held.set(key, entry);
      return entry.resource;
    },
    release(key) {
      const entry = held.get(key);
      if (!entry) return;
      entry.holders -= 1;
      if (entry.holders > 0) return;
      held.delete(key);
      free(entry.resource);
    },
  };
}
