/**
 * IndexedDB version 3 → 4: the synced rows of every loaded document become its base pages
 * (basePages.ts), as a first load now stores them; rows holding local work (dirty, in conflict,
 * in a batch on its way) stay rows and override the base, so no draft is touched.
 */
import type { Transaction } from 'dexie';
import { MAX_RECORD_PAGE, type RecordPage } from '../../core/api';
import type { StoredRecord } from '../../core/records';
import { documentRange, type HeadRow, type RecordRow } from '../db';
import { isSettled, serverCopyOf } from './recordRows';

/** Dexie upgrade of version 4, one document at a time. */
export async function upgradeToBasePages(tx: Transaction): Promise<void> {
  const heads = (await tx.table('heads').toArray()) as HeadRow[];
  for (const head of heads) {
    if (!head.loaded) continue;
    const [lower, upper] = documentRange(head.itemId, head.annotatorId);
    const rows = (await tx.table('records').where('[itemId+annotatorId+id]').between(lower, upper, true, true).toArray()) as RecordRow[];
    const synced = rows.filter(isSettled);
    for (let seq = 0; seq * MAX_RECORD_PAGE < synced.length; seq += 1) {
      const page = synced.slice(seq * MAX_RECORD_PAGE, (seq + 1) * MAX_RECORD_PAGE);
      const records: StoredRecord[] = page.map(serverCopyOf);
      const text = JSON.stringify({ records, nextCursor: null, revision: head.revision } satisfies RecordPage);
      const ids = records.map((record) => record.id);
      // Rows come in key order, which is IndexedDB's string order: the first id is the least.
      await tx.table('basePages').put({ itemId: head.itemId, annotatorId: head.annotatorId, seq, text });
      await tx.table('baseIndex').put({
        itemId: head.itemId,
        annotatorId: head.annotatorId,
        max: ids[ids.length - 1],
        min: ids[0],
        seq,
        ids,
        versions: records.map((record) => record.version),
      });
      await tx.table('records').bulkDelete(page.map((row) => [row.itemId, row.annotatorId, row.id]));
    }
  }
}
