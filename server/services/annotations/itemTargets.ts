/**
 * ItemTargets per item, kept in a small LRU keyed by item id and `updated_at` (an import that
 * adds slices changes both the targets and the stamp), so validating an edit costs O(ops), not a
 * parse of a 20,000-frame item.
 */
import type { Kysely } from 'kysely';
import { ItemTargets } from '../../../src/core/targets';
import type { Database } from '../../db/schema';
import { itemFromRow } from '../items';

export interface ItemTargetsCache {
  get(itemId: string, updatedAt: string): Promise<ItemTargets>;
}

export function itemTargetsCache(db: Kysely<Database>, capacity = 200): ItemTargetsCache {
  // A Map iterates in insertion order: re-inserting on a hit makes its first key the least recently used.
  const cache = new Map<string, ItemTargets>();
  return {
    async get(itemId, updatedAt) {
      const key = `${itemId}@${updatedAt}`;
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      const row = await db.selectFrom('items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
      const targets = new ItemTargets(itemFromRow(row));
      cache.set(`${itemId}@${row.updated_at}`, targets);
      if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      return targets;
    },
  };
}
