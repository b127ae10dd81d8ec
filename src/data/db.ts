/**
 * The one IndexedDB database of the client (dexie). A document's records as the server sent them
 * at its first load are kept as packed pages (the base, sync/basePages.ts); every record changed
 * since, here or on the server, has its own row beside the server copy it was based on, and that
 * row overrides the base, so an edit writes only what it changed; the outbox holds the batches
 * waiting for the server; the cache tables let the app open and read offline. Only fields that
 * are queried are indexed.
 */
import { Dexie, type EntityTable, type IndexableType, type Table } from 'dexie';
import type { AnnotationRecord } from '../core/annotation';
import type { DatasetSummary, ItemDetail, ItemPage, LoginResponse, Progress } from '../core/api';
import type { RecordDiff } from '../core/diff';
import type { RecordOp, StoredRecord } from '../core/records';
import { upgradeToRecords } from './dbUpgrade';
import { upgradeToBasePages } from './sync/baseUpgrade';

/**
 * `synced`: the local record is the server's copy at `baseVersion`. `dirty`: changed here, waiting
 * to be sent. `conflict`: changed on both sides; both versions are kept until the user picks.
 */
export type RecordState = 'synced' | 'dirty' | 'conflict';

/**
 * One record of one (item, annotator) document as this device holds it, when it differs from the
 * document's base (or the base does not hold it): a record without a row is the base's, synced.
 */
export interface RecordRow {
  readonly itemId: string;
  readonly annotatorId: string;
  readonly id: string;
  /** The local record; null when deleted here (or a tombstone known from the server). */
  readonly record: AnnotationRecord | null;
  /** Server version of the synced copy (0: the server never had it, as far as this device knows). */
  readonly baseVersion: number;
  /**
   * The server's record at `baseVersion` (the common ancestor for the conflict dialog), kept
   * apart only while the local record differs from it: absent on a synced row, whose `record` is
   * the server's copy, so a loaded document is stored once, not twice. Read it with `baseOf`.
   */
  readonly base?: AnnotationRecord | null;
  readonly state: RecordState;
  /** The server's copy when both sides changed the record. */
  readonly conflict?: { readonly server: StoredRecord; readonly detectedAt: number };
  /** Idempotency key of the sent batch that carries this record, while it is in flight. */
  readonly batch?: string;
}

export type RecordKey = [itemId: string, annotatorId: string, id: string];

/** What this device knows of one (item, annotator) document besides its records. */
export interface HeadRow {
  readonly itemId: string;
  readonly annotatorId: string;
  /** Server revision whose ops this device has taken in (catch up with `/ops?since=`). */
  readonly revision: number;
  /** Every record of the server's document was paged in once; until then, opening loads it. */
  readonly loaded: boolean;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
  /** Progress of the local records, as the editor last counted it; null when unknown. */
  readonly progress: Progress | null;
  /** Epoch ms of the last local write. */
  readonly updatedAt: number;
  /**
   * Records in state `dirty`, adjusted by every write of record rows in its transaction
   * (sync/dirtyCount.ts); absent on heads written before it was kept, until counted once.
   */
  readonly dirty?: number;
}

/**
 * Why the last send of a batch failed. `network` and `server` (5xx) are retried with backoff;
 * the others stop the batch (and the item's later work) until `SyncEngine.retryNow` (a new
 * login, the user's click) or, for `locked`, until the item is opened while the server says it
 * is editable again (`SyncEngine.retryLocked`).
 */
export type OutboxFailure = 'network' | 'server' | 'locked' | 'rejected' | 'unauthorized';

export const isBlocking = (failure: OutboxFailure | undefined): boolean =>
  failure === 'locked' || failure === 'rejected' || failure === 'unauthorized';

/**
 * One batch waiting for the server. Open (no `ops`) it is only a marker that the item has dirty
 * records; its first send freezes the ops, so retries resend the very same request under the
 * same idempotency key. An item has at most one frozen batch, always its oldest row.
 */
export interface OutboxRow {
  /** Idempotency-Key of the request. */
  readonly opId: string;
  readonly itemId: string;
  readonly annotatorId: string;
  /** Insertion order, so batches of one item are sent oldest first. */
  readonly seq: number;
  readonly ops?: readonly RecordOp[];
  /** Edits made before record-level sync, based on this whole-document revision. */
  readonly legacyBaseRevision?: number;
  readonly attempts: number;
  /** Epoch ms before which the batch is not retried. */
  readonly nextAttemptAt: number;
  readonly failure?: OutboxFailure;
  readonly lastError?: string;
}

export interface SessionRow {
  readonly id: 'current';
  readonly login: LoginResponse;
}

export interface CachedItemDetail {
  readonly itemId: string;
  readonly detail: ItemDetail;
  readonly cachedAt: number;
}

export interface CachedItemPage {
  /** `${datasetId} ${cursor}` ('' for the first page). */
  readonly key: string;
  readonly page: ItemPage;
  readonly cachedAt: number;
}

export interface CachedDatasets {
  /** User id: each user sees their own list and progress. */
  readonly userId: string;
  readonly datasets: readonly DatasetSummary[];
  readonly cachedAt: number;
}

export interface MetaRow {
  readonly key: string;
  /** The change feed's opaque checkpoint. */
  readonly value: string;
}

/**
 * A change of a document written ahead of its record rows, in the same task as the key press, so
 * it survives a tab closed before the rows are written (`sync/journal.ts`). The row write deletes
 * it in its own transaction; one still here at the next visit is replayed.
 */
export interface JournalRow {
  /** Sortable: replayed in this order. */
  readonly id: string;
  readonly itemId: string;
  readonly annotatorId: string;
  readonly diff: RecordDiff;
  readonly progress?: Progress;
}

/**
 * One page of a document's base: the server's `/records` answer as it came over the wire (JSON of
 * a `RecordPage`), stored as one string so a page of 5,000 records costs one write, not 5,000
 * structured rows.
 */
export interface BasePageRow {
  readonly itemId: string;
  readonly annotatorId: string;
  /** Order of the page in the load. */
  readonly seq: number;
  readonly text: string;
}

/**
 * What an edit needs of a base page without reading its text: the version of each of its records.
 * `min` and `max` (in IndexedDB's string order, which need not be the server's) are in the key,
 * so the pages that may hold an id are found from keys alone.
 */
export interface BaseIndexRow {
  readonly itemId: string;
  readonly annotatorId: string;
  readonly max: string;
  readonly min: string;
  readonly seq: number;
  /** Ids of the page's records, versions at the same positions. */
  readonly ids: readonly string[];
  readonly versions: readonly number[];
}

export type BaseIndexKey = [itemId: string, annotatorId: string, max: string, min: string, seq: number];

/** Where one reader was in one item, and which of its slices were ever displayed to them. */
export interface ReadingRow {
  readonly itemId: string;
  readonly userId: string;
  /** Target ids displayed on this device to this reader at least once. */
  readonly seen: readonly string[];
  readonly sliceIndex: number;
  /** The window the reader chose (modality units); null: each slice's own. */
  readonly window: { readonly width: number; readonly center: number } | null;
}

/** Tables of version 1 (whole-document drafts), kept so an upgrade can read them. */
export const SCHEMA_V1 = {
  drafts: '[itemId+annotatorId]',
  outbox: 'opId, [itemId+annotatorId], annotatorId',
  session: 'id',
  itemDetails: 'itemId',
  itemPages: 'key',
  datasets: 'userId',
  meta: 'key',
} as const;

/** Changes of version 2 (record rows), kept so an upgrade test can build a version-2 database. */
export const SCHEMA_V2 = {
  drafts: null,
  records: '[itemId+annotatorId+id], [itemId+annotatorId+state]',
  heads: '[itemId+annotatorId]',
  outbox: 'opId, [itemId+annotatorId], annotatorId',
} as const;

/** Tables added by version 3, kept so an upgrade test can build a version-3 database. */
export const SCHEMA_V3 = {
  journal: 'id, annotatorId',
  readings: '[itemId+userId]',
} as const;

export class MejirushiDb extends Dexie {
  records!: Table<RecordRow, RecordKey>;
  heads!: Table<HeadRow, [string, string]>;
  outbox!: EntityTable<OutboxRow, 'opId'>;
  session!: EntityTable<SessionRow, 'id'>;
  itemDetails!: EntityTable<CachedItemDetail, 'itemId'>;
  itemPages!: EntityTable<CachedItemPage, 'key'>;
  datasets!: EntityTable<CachedDatasets, 'userId'>;
  meta!: EntityTable<MetaRow, 'key'>;
  journal!: EntityTable<JournalRow, 'id'>;
  readings!: Table<ReadingRow, [string, string]>;
  basePages!: Table<BasePageRow, [string, string, number]>;
  baseIndex!: Table<BaseIndexRow, BaseIndexKey>;

  constructor(name = 'mejirushi') {
    super(name);
    // Nothing here uses liveQuery: without these, a write no longer reads old rows to work out
    // what changed, nor dispatches an event and posts a BroadcastChannel message per transaction
    // (a step's reading position included).
    this.unuse({ stack: 'dbcore', name: 'Observability' });
    this.unuse({ stack: 'dbcore', name: 'Cache' });
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToRecords);
    // New tables only: rows of version 2 are kept as they are.
    this.version(3).stores(SCHEMA_V3);
    // Synced rows of loaded documents move into base pages; rows with local work stay rows.
    this.version(4)
      .stores({
        basePages: '[itemId+annotatorId+seq]',
        baseIndex: '[itemId+annotatorId+max+min+seq]',
      })
      .upgrade(upgradeToBasePages);
  }
}

/** Key range of every record row of one document. */
export function documentRange(itemId: string, annotatorId: string): [IndexableType, IndexableType] {
  return [
    [itemId, annotatorId, ''],
    [itemId, annotatorId, Dexie.maxKey],
  ];
}

export const itemPageKey = (datasetId: string, cursor: string | null | undefined): string => `${datasetId} ${cursor ?? ''}`;
/** The change feed checkpoint of a user (the foundation kept a number under `changes:`). */
export const checkpointKey = (userId: string): string => `feed:${userId}`;
