/**
 * The first open of a document on this device: its records are paged from the server straight
 * into IndexedDB, one page per transaction, so a document of 10^5 records loads without holding
 * more than a page in flight. Local work made before (offline) is left where it is.
 */
import type { ApiClient } from '../api';
import type { AnnotationRecord } from '../../core/annotation';
import type { StoredRecord } from '../../core/records';
import { documentRange, type HeadRow, type MejirushiDb } from '../db';
import { serverCopyRow, takeServerCopies, type DocumentRef } from './recordRows';

/** Records per request: large enough that 10^5 records take tens of requests, not thousands. */
export const RECORD_PAGE_SIZE = 2_000;

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
  let after: string | null = null;
  for (;;) {
    const page = await api.listRecords(doc.itemId, { after, limit: options.pageSize });
    revision = Math.min(revision, page.revision);
    await db.transaction('rw', db.records, () => take(page.records));
    if (!page.nextCursor) break;
    after = page.nextCursor;
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
    };
    await db.heads.put(head);
    return head;
  });
  return { head, records: fresh ? loaded : null };
}
