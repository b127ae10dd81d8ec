/**
 * The first open of a document on this device: its records are paged from the server straight
 * into IndexedDB, one page per transaction, so a document of 10^5 records loads without holding
 * more than a page in flight. Local work made before (offline) is left where it is.
 */
import type { ApiClient } from '../api';
import type { HeadRow, MejirushiDb } from '../db';
import { takeServerCopies, type DocumentRef } from './recordRows';

/** Records per request: large enough that 10^5 records take tens of requests, not thousands. */
export const RECORD_PAGE_SIZE = 2_000;

export interface LoadedDocument {
  readonly labelSetId: string;
  readonly labelSetVersion: number;
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
): Promise<HeadRow> {
  let after: string | null = null;
  let revision = Number.POSITIVE_INFINITY;
  for (;;) {
    const page = await api.listRecords(doc.itemId, { after, limit: options.pageSize });
    revision = Math.min(revision, page.revision);
    await db.transaction('rw', db.records, () => takeServerCopies(db, doc, page.records));
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  return db.transaction('rw', db.heads, async () => {
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
}
