import type { DifferingUnit } from '../agreement';
import type { ItemKind } from '../item';
import type { AssignmentState } from './datasets';

/** The queue's states: work waiting on a reviewer (submitted) or already decided. */
export const REVIEW_QUEUE_STATES = ['submitted', 'approved', 'returned'] as const;
export type ReviewQueueState = (typeof REVIEW_QUEUE_STATES)[number];

/** One reader's handed-in document of an item, as the reviewer's queue lists it. */
export interface ReviewQueueRow {
  readonly itemId: string;
  readonly itemName: string;
  readonly kind: ItemKind;
  readonly datasetId: string;
  readonly datasetName: string;
  readonly annotatorId: string;
  readonly annotatorName: string;
  readonly state: ReviewQueueState;
  /** When the reader last handed the document in (ISO-8601 UTC). */
  readonly submittedAt: string;
  /** Readers the item is assigned to, and how many of them have handed in (submitted or approved). */
  readonly readers: number;
  readonly handedIn: number;
  /** The item's handed-in readers differ somewhere (src/core/agreement/differences.ts). */
  readonly disagrees: boolean;
}

/**
 * GET /api/review/queue?datasetId=&annotatorId=&submittedBefore=&submittedAfter=&disagreement=only|none
 * &state=&cursor=&limit= → ReviewQueuePage, longest waiting first.
 */
export interface ReviewQueuePage {
  readonly rows: readonly ReviewQueueRow[];
  /** Pass back as `cursor` for the next page; null at the end. */
  readonly nextCursor: string | null;
}

/** The review queue's query as a client sends it; absent fields do not filter. */
export interface ReviewQueueQuery {
  readonly datasetId?: string;
  readonly annotatorId?: string;
  /** ISO times: handed in before (exclusive) / at or after (inclusive). */
  readonly submittedBefore?: string;
  readonly submittedAfter?: string;
  readonly disagreement?: 'only' | 'none';
  /** Default submitted. */
  readonly state?: ReviewQueueState;
  readonly cursor?: string;
  /** 1 to 200; default 50. */
  readonly limit?: number;
}

/**
 * Where a review comment is pinned on one reader's document: the whole item, one target (a
 * slice or frame), a point or a region on it. Coordinates are image px of that target, origin
 * top-left.
 */
export type CommentAnchor =
  | { readonly kind: 'item' }
  | { readonly kind: 'target'; readonly targetId: string }
  | { readonly kind: 'point'; readonly targetId: string; readonly x: number; readonly y: number }
  | { readonly kind: 'region'; readonly targetId: string; readonly polygon: readonly (readonly [number, number])[] };

export type CommentThreadStatus = 'open' | 'resolved';

/** The longest message of a comment thread, in UTF-16 code units. */
export const MAX_COMMENT_BODY = 4000;

export interface CommentMessage {
  readonly id: string;
  readonly authorId: string;
  readonly authorName: string;
  readonly body: string;
  readonly createdAt: string;
}

/** A thread on the document of reader `annotatorId` of item `itemId`; messages oldest first. */
export interface CommentThread {
  readonly id: string;
  readonly itemId: string;
  readonly annotatorId: string;
  readonly anchor: CommentAnchor;
  readonly status: CommentThreadStatus;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly messages: readonly CommentMessage[];
}

/** GET /api/items/:id/comments?annotatorId= → CommentThreadList (open threads first, then oldest first) */
export interface CommentThreadList {
  readonly threads: readonly CommentThread[];
}

/** POST /api/items/:id/comments → 201 CommentThread */
export interface NewCommentThread {
  readonly annotatorId: string;
  readonly anchor: CommentAnchor;
  readonly body: string;
}

/** POST /api/comments/:threadId/messages → 201 CommentThread; /resolve and /reopen → 200 CommentThread */
export interface NewCommentMessage {
  readonly body: string;
}

/** One reader of an item as the reviewer sees them (not blinded: the reviewer reads none of it). */
export interface ItemReviewReader {
  readonly annotatorId: string;
  readonly displayName: string;
  readonly state: AssignmentState;
  /** When the assignment last changed state (the hand-in time for submitted work). */
  readonly updatedAt: string;
}

/** GET /api/items/:id/review → ItemReview: every reader, and where the handed-in ones differ. */
export interface ItemReview {
  readonly itemId: string;
  readonly readers: readonly ItemReviewReader[];
  readonly differences: readonly DifferingUnit[];
}
