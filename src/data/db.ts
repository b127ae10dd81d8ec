/**
 * The one IndexedDB database of the client (dexie). Drafts and the outbox make labelling
 * independent of the network; the cache tables let the app open and read offline.
 * Only fields that are queried are indexed.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { AnnotationDocument } from '../core/annotation';
import type { DatasetSummary, DocumentHead, ItemDetail, ItemPage, LoginResponse } from '../core/api';

/** The local copy of one annotation document, per item and annotator. */
export interface DraftRow {
  readonly itemId: string;
  readonly annotatorId: string;
  readonly doc: AnnotationDocument;
  /** Server revision the synced part of this draft is based on (If-Match of the next write). */
  readonly baseRevision: number;
  /** The server's document at `baseRevision`: the common ancestor for a merge. */
  readonly baseDoc: AnnotationDocument | null;
  /** Local change counter, +1 per saved change. */
  readonly version: number;
  /** Highest local version the server has acknowledged. */
  readonly syncedVersion: number;
  /** Epoch ms of the last local write. */
  readonly updatedAt: number;
  /** Set when the server moved on under unsynced local edits; both versions are kept. */
  readonly conflict?: { readonly server: DocumentHead; readonly detectedAt: number };
}

/**
 * Why the last send of an entry failed. `network` and `server` (5xx) are retried with backoff;
 * the others stop the entry (and the item's later entries) until `SyncEngine.retryNow` (a new
 * login, the user's click) or, for `locked`, until the item is opened while the server says it
 * is editable again (`SyncEngine.retryLocked`).
 */
export type OutboxFailure = 'network' | 'server' | 'locked' | 'rejected' | 'unauthorized';

export const isBlocking = (failure: OutboxFailure | undefined): boolean =>
  failure === 'locked' || failure === 'rejected' || failure === 'unauthorized';

/**
 * One write waiting for the server. The entry is open (its version follows the draft, so unsent
 * edits coalesce) until its first send freezes `doc`/`baseRevision`: retries then resend the very
 * same request under the same idempotency key.
 */
export interface OutboxRow {
  /** Idempotency-Key of the request. */
  readonly opId: string;
  readonly itemId: string;
  readonly annotatorId: string;
  /** Insertion order, so entries of one item are sent oldest first. */
  readonly seq: number;
  /** Local draft version this entry carries. */
  readonly version: number;
  readonly frozen?: { readonly doc: AnnotationDocument; readonly baseRevision: number };
  readonly attempts: number;
  /** Epoch ms before which the entry is not retried. */
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
  readonly value: number;
}

export class MejirushiDb extends Dexie {
  drafts!: Table<DraftRow, [string, string]>;
  outbox!: EntityTable<OutboxRow, 'opId'>;
  session!: EntityTable<SessionRow, 'id'>;
  itemDetails!: EntityTable<CachedItemDetail, 'itemId'>;
  itemPages!: EntityTable<CachedItemPage, 'key'>;
  datasets!: EntityTable<CachedDatasets, 'userId'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = 'mejirushi') {
    super(name);
    this.version(1).stores({
      drafts: '[itemId+annotatorId]',
      outbox: 'opId, [itemId+annotatorId], annotatorId',
      session: 'id',
      itemDetails: 'itemId',
      itemPages: 'key',
      datasets: 'userId',
      meta: 'key',
    });
  }
}

export const itemPageKey = (datasetId: string, cursor: string | null | undefined): string => `${datasetId} ${cursor ?? ''}`;
export const checkpointKey = (userId: string): string => `changes:${userId}`;
