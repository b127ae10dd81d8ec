/**
 * The first open of a document on this device: its records are paged from the server straight
 * into IndexedDB, one page per transaction, the next page on the wire while one is stored, so a
 * document of 10^5 records loads without holding more than two pages. Local work made before
 * (offline) is left where it is.
 */
import { MAX_RECORD_PAGE, type RecordPage } from '../../core/api';
import type { ApiClient } from '../api';
import type { AnnotationRecord } from '../../core/annotation';
import type { StoredRecord } from '../../core/records';
import { documentRange, type HeadRow, type MejirushiDb } from '../db';
import { serverCopyRow, takeServerCopies, type DocumentRef } from './recordRows';

/** Records per request, the most the server answers: 10^5 records take twenty requests. */
export const RECORD_PAGE_SIZE = MAX_RECORD_PAGE;

export interface LoadedDocument {
  readonly labelSetId: string;
  readonly labelSetVersion: number;
}

/** What a load brought: the head, and the records when they are all there is locally. */
export interface Loaded {
  readonly head: HeadRow;
  /** Every live record when the device held nothing of the document before; else null (read them back). */
  readonly records: AnnotationRecord[] | null;
}

/**
 * Pages every record in; answers the head, based on the revision of the first page (pages read
 * later may be newer: catching up from the oldest revision with `/ops` repeats nothing harmful).
 */
export async function loadDocument(
  api: Pick<ApiClient, 'listRecords'>,
  db: MejirushiDb,
  doc: DocumentRef,
  labelSet: LoadedDocument,
  options: { readonly pageSize: number; readonly now: number },
): Promise<Loaded> {
  let revision = Number.POSITIVE_INFINITY;
  // Nothing local yet (the usual first open): pages go straight in, without reading rows that
  // cannot exist. A feed change taken meanwhile and overwritten by an older page comes back with
  // the catch-up from the oldest page's revision.
  const [lower, upper] = documentRange(doc.itemId, doc.annotatorId);
  const fresh = (await db.records.where('[itemId+annotatorId+id]').between(lower, upper, true, true).limit(1).count()) === 0;
  const loaded: AnnotationRecord[] = [];
  const take = async (records: readonly StoredRecord[]): Promise<void> => {
    if (!fresh) {
      await takeServerCopies(db, doc, records);
      return;
    }
    const rows = records.flatMap((record) => serverCopyRow(doc, undefined, record) ?? []);
    await db.records.bulkPut(rows);
    for (const row of rows) if (row.record) loaded.push(row.record);
  };
  const request = (after: string | null): Promise<RecordPage> => {
    const page = api.listRecords(doc.itemId, { after, limit: options.pageSize });
    // It may fail while the previous page is stored: that failure is heard where it is awaited,
    // and not at all when the store failed first.
    page.catch(() => undefined);
    return page;
  };
  let next: Promise<RecordPage> | null = request(null);
  while (next) {
    const page: RecordPage = await next;
    revision = Math.min(revision, page.revision);
    next = page.nextCursor ? request(page.nextCursor) : null;
    await db.transaction('rw', db.records, () => take(page.records));
  }
  const head = await db.transaction('rw', db.heads, async () => {
    const previous = await db.heads.get([doc.itemId, doc.annotatorId]);
    const head: HeadRow = {
      itemId: doc.itemId,
      annotatorId: doc.annotatorId,
      revision,
      loaded: true,
      labelSetId: labelSet.labelSetId,
      labelSetVersion: labelSet.labelSetVersion,
      progress: null,
      updatedAt: previous?.updatedAt ?? options.now,
      // Pages write only synced rows: the count of records waiting here is what it was.
      ...(previous?.dirty !== undefined ? { dirty: previous.dirty } : {}),
    };
    await db.heads.put(head);
    return head;
  });
  return { head, records: fresh ? loaded : null };
}
