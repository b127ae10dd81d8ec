import type { RecordOp, StoredRecord } from '../records';
import type { ApiError } from './accounts';
import type { AssignmentState } from './datasets';
import type { CommentAnchor } from './review';

/**
 * Sync protocol for annotations, record by record (see ../records.ts). Each (item, annotator) has a
 * document whose records carry their own versions; the document's `revision` counts applied
 * batches.
 * - GET   /api/items/:id/annotations/me/records?after=&limit=&target=&bbox=  pages the current
 *         records (no tombstones), optionally of one target or intersecting a box (image px).
 * - PATCH /api/items/:id/annotations/me  body `OpBatch`, `Idempotency-Key: <client op id>`.
 *         Applied → 200 `BatchResult` with each record's new version. A retried key is answered
 *         with the stored result and nothing applies twice. If any op's base version is stale →
 *         412 `RecordConflictBody` with the server's copy of each conflicting record and nothing
 *         applied: the client sets those records aside (asks the user) and resends the rest.
 *         A put at base 0 on a deleted record (a device that never saw it re-creating it) is not
 *         stale: the tombstone holds no content to overwrite.
 * - GET   /api/items/:id/annotations/me/ops?since=<revision>  the ops applied after a revision,
 *         to catch one item up without reloading it.
 * - GET   /api/changes?since=<checkpoint>&limit=  every applied op (record and version) in commit
 *         order, so a client catches up with what other devices did.
 */

/** Head of one annotator's document of an item. */
export interface DocumentInfo {
  /** Applied batches so far; 0 = nothing written yet. */
  readonly revision: number;
  /** Records that are not deleted. */
  readonly recordCount: number;
  readonly updatedAt: string | null;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
}

/** Most records one `/records` page answers (`limit` is clamped to it; default 1,000). */
export const MAX_RECORD_PAGE = 5_000;

/** GET /api/items/:id/annotations/me/records → RecordPage (ETag: "<revision>") */
export interface RecordPage {
  readonly records: readonly StoredRecord[];
  /** Pass back as `after` for the next page; null at the end. */
  readonly nextCursor: string | null;
  /** The document's revision when the page was read: catch up from here with `/ops?since=`. */
  readonly revision: number;
}

/** PATCH /api/items/:id/annotations/me → 200 BatchResult | 400 | 403 | 409 (item locked) | 412 RecordConflictBody */
export interface OpBatch {
  readonly ops: readonly RecordOp[];
  /**
   * Only for edits made before record-level sync (a browser upgraded with unsent work): the
   * whole-document revision they were based on. Unless the server's document was migrated at
   * exactly that revision, every op of the batch conflicts, so nothing is overwritten unseen.
   */
  readonly legacyBaseRevision?: number;
}
export interface BatchResult {
  readonly revision: number;
  /** New version of every record the batch changed. */
  readonly versions: Readonly<Record<string, number>>;
  readonly updatedAt: string;
}
export interface RecordConflictBody extends ApiError {
  readonly error: 'conflict';
  /** The server's copy of every record whose base version was stale (version 0, record null: never existed). */
  readonly conflicts: readonly StoredRecord[];
  readonly revision: number;
}

/** GET /api/items/:id/annotations/me/ops?since=&limit= → OpsPage */
export interface AppliedOp {
  /** The document revision (batch) that applied it. */
  readonly revision: number;
  readonly record: StoredRecord;
}
export interface OpsPage {
  readonly ops: readonly AppliedOp[];
  /** The revision this page reaches; pass back as `since` while `more` is true. */
  readonly revision: number;
  readonly more: boolean;
}

/** GET /api/items/:id/annotations (reviewer, admin) → AnnotatorHead[]: every assigned annotator's document head. */
export interface AnnotatorHead {
  readonly annotatorId: string;
  readonly state: AssignmentState;
  readonly revision: number;
  readonly recordCount: number;
  readonly updatedAt: string | null;
}

/** GET /api/items/:id/annotations/:annotatorId/records (reviewer, admin; same paging as /me/records) → RecordPage */

/** GET /api/items/:id/annotations/me/revisions → RevisionInfo[] oldest first (one per applied batch) */
export interface RevisionInfo {
  readonly revision: number;
  readonly opId: string;
  readonly authorId: string;
  readonly opCount: number;
  readonly createdAt: string;
}

/**
 * POST /api/items/:id/submit, header If-Match: "<revision>" → 200 { state } | 409 | 412 (the
 * document moved on). Submitting freezes a snapshot of the document at that revision.
 */
export interface StateChange {
  readonly state: AssignmentState;
}

/** POST /api/items/:id/review (reviewer) → 200 StateChange */
export interface ReviewDecision {
  readonly annotatorId: string;
  readonly decision: 'approve' | 'return';
  readonly comment?: string;
  /** With decision `return` and a comment: the comment opens a review thread pinned here. */
  readonly anchor?: CommentAnchor;
}

/** GET /api/changes?since=<checkpoint>&limit= → ChangeFeed (annotators: their own documents; reviewers and admins: all) */
export interface RecordChange {
  readonly itemId: string;
  readonly annotatorId: string;
  readonly revision: number;
  readonly record: StoredRecord;
}
/** `since` for a device that holds nothing yet: no changes, only the checkpoint after the newest one. */
export const FEED_LATEST = 'latest';

export interface ChangeFeed {
  readonly changes: readonly RecordChange[];
  /**
   * Opaque; pass back as `since` ('' or absent = from the start; `latest` = no changes, only the
   * checkpoint of the newest one, for a device that holds nothing yet and need not replay history).
   */
  readonly checkpoint: string;
  /** More changes wait after this page. */
  readonly more: boolean;
}

/**
 * GET /api/changes/stream (server-sent events). `ready` data: where the stream starts; `changes`
 * data (its event id a feed checkpoint): the items whose documents changed. A stream tells each
 * subscriber of every change it follows after `position`, in order, so a client that knows the
 * changes after `after` up to the event's id are only its own acknowledged writes can skip
 * reading them back. Older servers send only `heartbeatMs` and `itemIds`.
 */
export interface ChangeStreamReady {
  readonly heartbeatMs: number;
  /** The feed checkpoint this stream's events start after ('' when the feed is empty). */
  readonly position?: string;
}

export interface ChangeStreamNotice {
  readonly itemIds: readonly string[];
  /**
   * The checkpoint this event follows on: the previous event's id on this stream, or `ready`'s
   * `position`; absent when the stream cannot say (the catch-up of a resumed stream).
   */
  readonly after?: string;
  /** The documents changed after `after`, each with the revisions (applied batches) written. */
  readonly documents?: readonly ChangedRevisions[];
}

export interface ChangedRevisions {
  readonly itemId: string;
  readonly annotatorId: string;
  /** The lowest and highest revision (applied batch) of the document among the changes. */
  readonly fromRevision: number;
  readonly toRevision: number;
}
