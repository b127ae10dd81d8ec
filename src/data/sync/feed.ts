/**
 * Catching up with what other devices did: the change feed over all of the user's documents
 * (from an opaque checkpoint kept per user), and one document's ops since a revision. Both hand
 * server copies of records to the engine, which takes in those where nothing local waits.
 */
import { FEED_LATEST } from '../../core/api';
import type { StoredRecord } from '../../core/records';
import type { ApiClient } from '../api';
import { checkpointKey, type MejirushiDb } from '../db';

export type TakeCopies = (itemId: string, copies: readonly StoredRecord[], revision?: number) => Promise<void>;

/**
 * Where this device starts following: its stored checkpoint; on a device that holds no document
 * of the user yet, after the newest change (documents opened later load whole and catch up with
 * their own ops), so a first start never replays the installation's history.
 */
async function startingPoint(db: MejirushiDb, annotatorId: string): Promise<string> {
  const stored = (await db.meta.get(checkpointKey(annotatorId)))?.value;
  if (stored !== undefined) return stored;
  const holdsDocuments = (await db.heads.filter((head) => head.annotatorId === annotatorId).count()) > 0;
  return holdsDocuments ? '' : FEED_LATEST;
}

/** Pages the feed from the stored checkpoint, storing the checkpoint after each page is taken in. */
export async function followFeed(
  api: Pick<ApiClient, 'changes'>,
  db: MejirushiDb,
  annotatorId: string,
  pageSize: number,
  take: TakeCopies,
): Promise<void> {
  const key = checkpointKey(annotatorId);
  let since = await startingPoint(db, annotatorId);
  for (;;) {
    const feed = await api.changes(since, pageSize);
    const byItem = new Map<string, StoredRecord[]>();
    for (const change of feed.changes) {
      if (change.annotatorId !== annotatorId) continue;
      const copies = byItem.get(change.itemId) ?? [];
      copies.push(change.record);
      byItem.set(change.itemId, copies);
    }
    for (const [itemId, copies] of byItem) await take(itemId, copies);
    await db.meta.put({ key, value: feed.checkpoint });
    if (!feed.more || feed.checkpoint === since) return;
    since = feed.checkpoint;
  }
}

/** Pages one document's ops after `since`; `take` hears each page with the revision it reaches. */
export async function followOps(api: Pick<ApiClient, 'listOps'>, itemId: string, since: number, pageSize: number, take: TakeCopies): Promise<void> {
  let from = since;
  for (;;) {
    const page = await api.listOps(itemId, from, pageSize);
    await take(
      itemId,
      page.ops.map((op) => op.record),
      page.revision,
    );
    if (!page.more || page.revision <= from) return;
    from = page.revision;
  }
}
