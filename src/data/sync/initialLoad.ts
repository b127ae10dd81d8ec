/**
 * The first open of a document on this device: its records are paged from the server, the next
 * page asked for (its cursor read from the page's tail) before one is parsed, and each page is stored as it came (one base page,
 * basePages.ts) once the fetching is done, or sooner when more text would wait than a bound, so a
 * document of 10^5 records shows once it is fetched, without waiting on IndexedDB's writes.
 * Local work made before (offline) is left where it is and keeps overriding the base.
 */
import { MAX_RECORD_PAGE, type RecordPage } from '../../core/api';
import type { AnnotationRecord } from '../../core/annotation';
import { packStoredRecords } from '../../core/packedRings';
import { peekNextCursor } from '../../core/recordPageCursor';
import type { StoredRecord } from '../../core/records';
import { documentRange, type HeadRow, type MejirushiDb } from '../db';
import { clearBase, storeBasePage } from './basePages';
import { keyOf, serverCopyRow, type DocumentRef } from './recordRows';

/** Records per request, the most the server answers: 10^5 records take twenty requests. */
export const RECORD_PAGE_SIZE = MAX_RECORD_PAGE;

/**
 * Characters of fetched pages that may wait to be stored (held while the load fetches, or queued
 * for IndexedDB) before the next page is asked for: what bounds the memory a load holds besides
 * its records. 10^5 outlines of 24 vertices are about 70–80 million characters, so such a
 * document is fetched whole before its first page is stored.
 */
export const TEXT_WAITING = 96 * 2 ** 20;

export interface LoadedDocument {
  readonly labelSetId: string;
  readonly labelSetVersion: number;
}

/** The page source: the text of one `/records` page (`ApiClient.listRecordsText`). */
export interface RecordPageSource {
  listRecordsText(itemId: string, page: { after?: string | null; limit?: number }): Promise<string>;
}

/** What a load brought once every page is fetched. */
export interface Loaded {
  /** The revision of the oldest page: catching up from it with `/ops` repeats nothing harmful. */
  readonly revision: number;
  /**
   * Every live record when the device held nothing of the document before (the pages may still
   * be being stored); else null: the pages are stored, read the records back.
   */
  readonly records: AnnotationRecord[] | null;
  /** Resolves with the head (marked loaded) once every page is stored; rejects when one could not be. */
  readonly stored: Promise<HeadRow>;
}

/**
 * Stores pages one after another in the background. Pages are held, not stored, while the load
 * still fetches and the text held fits `textWaiting`: IndexedDB's writes (serialising, compressing
 * and writing 70 MB for 10^5 outlines) would otherwise take the processor from the fetching and
 * parsing that the first screen waits on. `room()` waits while too much text is waiting.
 */
class PageWriter {
  private chain: Promise<void>;
  private readonly waiting: { readonly stored: Promise<void>; readonly chars: number }[] = [];
  private waitingChars = 0;
  private held: { readonly seq: number; readonly text: string; readonly records: readonly StoredRecord[] }[] = [];
  private heldChars = 0;

  constructor(
    private readonly db: MejirushiDb,
    private readonly doc: DocumentRef,
    private readonly fresh: boolean,
    private readonly textWaiting: number,
  ) {
    // A load that starts again (an earlier one was cut short) replaces what that one stored.
    this.chain = db.transaction('rw', db.basePages, db.baseIndex, () => clearBase(db, doc));
  }

  add(seq: number, text: string, records: readonly StoredRecord[]): void {
    this.held.push({ seq, text, records });
    this.heldChars += text.length;
    if (this.heldChars + this.waitingChars > this.textWaiting) this.release();
  }

  /** Starts storing every held page (the fetching is over, or holds more text than it may). */
  release(): void {
    for (const { seq, text, records } of this.held) this.store(seq, text, records);
    this.held = [];
    this.heldChars = 0;
  }

  private store(seq: number, text: string, records: readonly StoredRecord[]): void {
    const { db, doc, fresh } = this;
    // A fresh document's pages leave the record rows out of the transaction, so the reads of
    // them that the open makes meanwhile (its sync state) do not wait behind a page's write.
    const tables = fresh ? [db.basePages, db.baseIndex] : [db.basePages, db.baseIndex, db.records];
    this.chain = this.chain.then(() =>
      db.transaction('rw', tables, async () => {
        await storeBasePage(db, doc, seq, text, records);
        if (!fresh) await dropOlderCopies(db, doc, records);
      }),
    );
    const entry = { stored: this.chain, chars: text.length };
    this.waiting.push(entry);
    this.waitingChars += entry.chars;
    void entry.stored.then(
      () => {
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        this.waitingChars -= entry.chars;
      },
      () => undefined,
    );
  }

  /** Resolves once no more than `textWaiting` characters wait; a failed store is heard from `done()`. */
  async room(): Promise<void> {
    while (this.waitingChars > this.textWaiting && this.waiting.length > 0) {
      const oldest = this.waiting[0]!.stored;
      const failed = await oldest.then(
        () => false,
        () => true,
      );
      if (failed) return;
    }
  }

  /** Stores what is held and resolves once every page is stored. */
  done(): Promise<void> {
    this.release();
    return this.chain;
  }
}

/**
 * Record rows of synced copies older than the page's: the base now holds newer ones (a row with
 * local work stays and overrides it, as it would any server copy).
 */
async function dropOlderCopies(db: MejirushiDb, doc: DocumentRef, records: readonly StoredRecord[]): Promise<void> {
  const rows = await db.records.bulkGet(records.map((record) => keyOf(doc, record.id)));
  const older = records.filter((record, i) => rows[i] && serverCopyRow(doc, rows[i], record));
  await db.records.bulkDelete(older.map((record) => keyOf(doc, record.id)));
}

/**
 * Pages every record in; answers once every page is fetched, the storing of a fresh document
 * still under way (`stored`). A failed request fails the load after the pages already fetched
 * are stored (they are replaced when it starts again).
 */
export async function loadDocument(
  api: RecordPageSource,
  db: MejirushiDb,
  doc: DocumentRef,
  labelSet: LoadedDocument,
  options: { readonly pageSize: number; readonly now: number; readonly textWaiting?: number },
): Promise<Loaded> {
  let revision = Number.POSITIVE_INFINITY;
  const [lower, upper] = documentRange(doc.itemId, doc.annotatorId);
  const fresh = (await db.records.where('[itemId+annotatorId+id]').between(lower, upper, true, true).limit(1).count()) === 0;
  const writer = new PageWriter(db, doc, fresh, options.textWaiting ?? TEXT_WAITING);
  const loaded: AnnotationRecord[] = [];
  const request = (after: string | null): Promise<string> => {
    const page = api.listRecordsText(doc.itemId, { after, limit: options.pageSize });
    // It may fail while the previous page is parsed: that failure is heard where it is awaited.
    page.catch(() => undefined);
    return page;
  };
  let next: Promise<string> | null = request(null);
  let seq = 0;
  try {
    while (next) {
      const text: string = await next;
      // The next page is asked for before this one is parsed: the server reads it meanwhile.
      const guess = peekNextCursor(text);
      next = guess ? request(guess) : null;
      const page = JSON.parse(text) as RecordPage;
      revision = Math.min(revision, page.revision);
      if (guess !== page.nextCursor) next = page.nextCursor ? request(page.nextCursor) : null;
      // Outlines packed as each page is parsed: its vertex pairs die young instead of 10^5 records' surviving.
      if (fresh) for (const stored of packStoredRecords(page.records)) if (stored.record) loaded.push(stored.record);
      writer.add(seq, text, page.records);
      seq += 1;
      await writer.room();
    }
  } catch (error) {
    await writer.done().catch(() => undefined);
    throw error;
  }
  const stored = writer.done().then(() => markLoaded(db, doc, labelSet, { revision, now: options.now, fresh }));
  if (!fresh) await stored;
  return { revision, records: fresh ? loaded : null, stored };
}

/** The head of a document whose every page is stored. */
function markLoaded(db: MejirushiDb, doc: DocumentRef, labelSet: LoadedDocument, at: { readonly revision: number; readonly now: number; readonly fresh: boolean }): Promise<HeadRow> {
  const { revision, now } = at;
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
      updatedAt: previous?.updatedAt ?? now,
      // Pages write no record rows: the count of records waiting here is what it was (none on a
      // fresh document: its writes wait for the pages to be stored).
      ...(previous?.dirty !== undefined ? { dirty: previous.dirty } : at.fresh ? { dirty: 0 } : {}),
    };
    await db.heads.put(head);
    return head;
  });
}
