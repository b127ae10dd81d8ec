import type { AssignStrategy } from '../assignment/planAssignments';
import type { Item, ItemKind } from '../item';
import type { LabelSet } from '../labelSet';

/** Per (item, annotator) workflow state; see itemState.ts for the transitions. */
export type AssignmentState = 'assigned' | 'inProgress' | 'submitted' | 'approved' | 'returned';

export interface Progress {
  /** Targets (slices, frames…) carrying a label. */
  readonly labelled: number;
  readonly total: number;
}

/** GET /api/datasets → DatasetSummary[] (all for reviewers and admins; for anyone else only datasets with items assigned to them) */
export interface DatasetSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
  readonly itemCount: number;
  /** The caller's progress over the items assigned to them. */
  readonly progress: Progress;
  readonly submittedCount: number;
}

/** POST /api/datasets (admin) → 201 DatasetSummary */
export interface CreateDatasetRequest {
  readonly name: string;
  readonly description?: string;
  readonly labelSetId: string;
  readonly labelSetVersion: number;
}

/**
 * POST /api/label-sets/import (admin): a label set file as exported elsewhere, keeping its id and
 * version → 201 `created`, or 200 `unchanged` when that exact set is already stored. A different
 * body under a stored id and version is refused (409): a version never changes.
 * POST /api/label-sets (admin): a set from the editor, stored as the next version of its id → 201.
 */
export interface LabelSetSaved {
  readonly status: 'created' | 'unchanged';
  readonly id: string;
  readonly version: number;
}

/** GET /api/datasets/:id/items?cursor=&limit= → ItemPage */
export interface ItemSummary {
  readonly id: string;
  readonly title: string;
  readonly kind: ItemKind;
  /** The caller's own state of this item; null when it is not assigned to the caller (a reviewer's or admin's view). */
  readonly state: AssignmentState | null;
  readonly progress: Progress;
  readonly updatedAt: string;
  /** YYYY-MM-DD the caller should have submitted this item by; null when none was set (absent in summaries cached offline before due dates existed). */
  readonly dueDate?: string | null;
}
export interface ItemPage {
  readonly items: readonly ItemSummary[];
  /** Pass back as `cursor` for the next page; null at the end. */
  readonly nextCursor: string | null;
}

/**
 * POST /api/datasets/:id/assignments (admin) → 200 AssignResult. Readers an item already has count
 * towards `readersPerItem`, so asking again assigns only what is missing.
 */
export interface AssignRequest {
  /** The readers to assign, 1 to MAX_READERS_PER_REQUEST. */
  readonly readerIds: readonly string[];
  /** everyReader (default): each named reader reads every named item (assignment by hand). */
  readonly strategy?: AssignStrategy;
  /** Readers each item should have (roundRobin, balanced); default 1. */
  readonly readersPerItem?: number;
  /** Omit to assign every item of the dataset. */
  readonly itemIds?: readonly string[];
  /** YYYY-MM-DD the readers should have submitted by. */
  readonly dueDate?: string;
}
export interface AssignResult {
  readonly assigned: number;
  /** Newly assigned per reader, in the order they were named. */
  readonly readers: readonly { readonly userId: string; readonly assigned: number }[];
}
export const MAX_READERS_PER_REQUEST = 100;

/**
 * GET /api/items/:id/layers → OutlineLayerList: the item's read-only outline layers.
 * GET /api/items/:id/layers/:layerId → the layer's outlines (application/octet-stream, the form of
 * `encodeOutlineLayer` in src/core/outlineLayer.ts); a layer never changes, so it may be cached.
 */
export interface OutlineLayerSummary {
  readonly id: string;
  readonly name: string;
  readonly polygonCount: number;
  /** Bytes of the binary form. */
  readonly size: number;
}
export interface OutlineLayerList {
  readonly layers: readonly OutlineLayerSummary[];
}

/**
 * GET /api/items/:id → ItemDetail. Files of a series: GET /api/items/:id/files/:fileId
 * (application/dicom, immutable). Tiles of a slide: GET /api/items/:id/tiles/:tileVersion/:level/:x/:y.
 * Images of a frame set (FrameSetItem in item.ts; none through /files): a frame's image at
 * GET /api/items/:id/frames/:targetId (image/jpeg or image/png, metadata removed), its thumbnails
 * at GET /api/items/:id/sprites/:sprites.version/:sheet (image/jpeg, layout in FrameSprites); both
 * immutable under their URL (`private, max-age=31536000, immutable`, ETag the content hash), both
 * 404 for a caller who may not read the item.
 */
export interface ItemDetail {
  readonly item: Item;
  readonly labelSet: LabelSet;
  /** The caller's own state of this item; null when it is not assigned to the caller, who then cannot label it. */
  readonly state: AssignmentState | null;
}

/**
 * GET /api/items/:id/study?cursor=&limit= → StudySeriesPage: the series items of the item's dataset
 * that share its StudyInstanceUID (the item itself among them) and that the caller may open, paged
 * in item-id order. Each series' thumbnail, its middle slice rendered small, is at
 * GET /api/items/:id/thumbnail (image/jpeg; ETag the slice file's hash).
 */
export interface StudySeries {
  readonly itemId: string;
  readonly title: string;
  /** SeriesNumber; null when the files carry none. */
  readonly seriesNumber: number | null;
  readonly seriesDescription: string;
  readonly modality: string;
  readonly sliceCount: number;
  /** Changes whenever the series does (files imported into it): a thumbnail kept under it stays right. */
  readonly updatedAt: string;
}

export interface StudySeriesPage {
  readonly series: readonly StudySeries[];
  /** Pass back as `cursor` for the next page; null at the end. */
  readonly nextCursor: string | null;
}
